/**
 * @module api/target-policy
 * Where the server may POST. With `--allow-target` patterns set, any other target is refused (403), so a
 * server reachable by others cannot be turned against arbitrary hosts.
 *
 * A pattern is a URL in which `*` is a wildcard: within the host part it matches any run of host characters
 * (`https://*.example.com`), within the path any text (`http://127.0.0.1:3000/ci/*`). A pattern without a path
 * allows every path of that origin. Default ports are left out, as a URL writes them (`https://host`, not
 * `https://host:443`).
 */
import { InputError } from '../core/errors.ts';
import { maskTarget } from '../delivery/mask-target.ts';
import { PROBLEMS } from './problem.ts';

export interface TargetPolicy {
  readonly patterns: readonly string[];
  allows(target: string): boolean;
  /** Throws a 403 problem naming the target and the allowed patterns. */
  check(target: string): void;
}

const PATTERN = /^(https?):\/\/([^/?#]+)(\/.*)?$/;

function globToRegExp(glob: string, wildcard: string): string {
  return glob
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join(wildcard);
}

function compile(pattern: string): RegExp {
  const match = PATTERN.exec(pattern);
  if (!match) {
    throw new InputError(
      'allow-target',
      `allow-target '${pattern}' is not a URL pattern; accepted: http(s)://host[:port][/path], * as a wildcard, ` +
        'e.g. http://127.0.0.1:* or https://*.example.com/ci/*',
    );
  }
  const [, scheme, host, path = '/*'] = match;
  return new RegExp(`^${scheme}://${globToRegExp(host as string, '[^/?#@]*')}${globToRegExp(path, '.*')}$`);
}

/** The part of a target a pattern is matched against: scheme, host[:port], path and query (never userinfo). */
function comparable(target: string): string | undefined {
  try {
    const url = new URL(target);
    return `${url.protocol}//${url.host}${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}

export function createTargetPolicy(patterns: readonly string[] = []): TargetPolicy {
  const compiled = patterns.map(compile);
  const allows = (target: string): boolean => {
    if (compiled.length === 0) return true;
    const text = comparable(target);
    return text !== undefined && compiled.some((regex) => regex.test(text));
  };
  return {
    patterns,
    allows,
    check(target) {
      if (!allows(target)) {
        throw PROBLEMS.targetNotAllowed(
          `target '${maskTarget(target)}' is not allowed by this server; accepted: targets matching ${patterns.join(', ')}`,
          ['target'],
        );
      }
    },
  };
}
