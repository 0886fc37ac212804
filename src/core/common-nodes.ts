/**
 * @module common-nodes
 * Operation children many Tags carry (UserData, JobLevel, TemplateId/TemplateName), drawn the same way for all.
 */
import type { Faker } from '@faker-js/faker';
import { USER_DATA_TEMPLATES } from './data/workflows.ts';
import { templateId } from './ids.ts';

/** Operation.UserData as people write it (free text or a small JSON string). */
export function userData(faker: Faker, tag: string): string {
  return faker.helpers
    .arrayElement(USER_DATA_TEMPLATES)
    .replaceAll('{tag}', tag)
    .replaceAll('{n}', faker.string.numeric(8));
}

/** Operation.JobLevel: 0 (the default) for most jobs, 1 or 2 for prioritised queues. */
export function jobLevel(faker: Faker): string {
  return faker.helpers.weightedArrayElement([
    { value: '0', weight: 7 },
    { value: '1', weight: 2 },
    { value: '2', weight: 1 },
  ]);
}

/** `TemplateId` and `TemplateName`, for jobs submitted with a template. */
export function template(
  faker: Faker,
  names: readonly string[],
): { TemplateId: string; TemplateName: string } {
  return { TemplateId: templateId(faker), TemplateName: faker.helpers.arrayElement(names) };
}
