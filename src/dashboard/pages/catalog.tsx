/**
 * @module dashboard/pages/catalog
 * The Tags: family, JobId prefix, result node, documented or inferred (with the official page when there is
 * one), filtered as you type; each links to its preview. Below them, the content-moderation kinds, each
 * linking to its preview too.
 */
import { Hono } from 'hono';
import { describeTags } from '../../payloads/registry.ts';
import { describeReviews } from '../../payloads/review-catalog.ts';
import { renderPage } from '../layout.tsx';
import type { DashboardEnv, DashboardPage } from '../page.ts';
import { UI } from '../paths.ts';

export const catalogPage: DashboardPage = {
  title: 'Catalog',
  href: '/',
  routes: () =>
    new Hono<DashboardEnv>().get('/', (c) => {
      const tags = describeTags();
      const reviews = describeReviews();
      return renderPage(
        c,
        { title: 'Catalog', current: '/' },
        <>
          <p>
            Every Tag the emitter renders callbacks for. <em>documented</em> Tags follow a callback sample
            Tencent publishes; <em>inferred</em> ones are built from the SDK's types.
          </p>
          <div class="field inline">
            <label for="catalog-filter">Filter</label>
            <input
              id="catalog-filter"
              type="search"
              data-filter-table="catalog"
              placeholder="Tag, family, result node…"
              autocomplete="off"
            />
            <span class="muted" aria-live="polite" data-filter-count>
              {tags.length} Tags
            </span>
          </div>
          <div class="table-wrap">
            <table id="catalog">
              <caption class="visually-hidden">Tags</caption>
              <thead>
                <tr>
                  <th scope="col">Tag</th>
                  <th scope="col">Family</th>
                  <th scope="col">JobId prefix</th>
                  <th scope="col">Result node</th>
                  <th scope="col">Source</th>
                  <th scope="col">What it does</th>
                </tr>
              </thead>
              <tbody>
                {tags.map((t) => (
                  <tr>
                    <th scope="row">
                      <a href={`${UI}/preview?tag=${encodeURIComponent(t.tag)}`}>{t.tag}</a>
                    </th>
                    <td>{t.family}</td>
                    <td>
                      <code>{t.jobIdPrefix}</code>
                    </td>
                    <td>{t.resultNode === '' ? '–' : <code>{t.resultNode}</code>}</td>
                    <td>
                      {t.source === 'documented' ? (
                        <a href={t.docUrl} rel="noreferrer noopener" target="_blank">
                          documented
                        </a>
                      ) : (
                        <>
                          inferred (
                          <a href={t.docUrl} rel="noreferrer noopener" target="_blank">
                            SDK
                          </a>
                          )
                        </>
                      )}
                    </td>
                    <td>{t.summary}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2 id="moderation">Content moderation</h2>
          <p>
            The Review* callbacks of CI's content moderation: JSON only, in a Simple or a Detail form named by
            the <code>X-Ci-Content-Version</code> header; the first form listed is CI's default.
          </p>
          <div class="table-wrap">
            <table id="reviews">
              <caption class="visually-hidden">Moderation kinds</caption>
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Event</th>
                  <th scope="col">Forms</th>
                  <th scope="col">CallbackType 2</th>
                  <th scope="col">What it moderates</th>
                </tr>
              </thead>
              <tbody>
                {reviews.map((r) => (
                  <tr>
                    <th scope="row">
                      <a href={`${UI}/preview?kind=review&review=${r.review}`}>{r.review}</a>
                    </th>
                    <td>
                      <code>{r.eventName}</code>
                    </td>
                    <td>{r.callbackVersions.join(', ')}</td>
                    <td>{r.callbackTypes ? 'yes' : '–'}</td>
                    <td>{r.summary}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>,
      );
    }),
};
