import type { ElementStatus, StandardElement } from '../lib/model/report';
import { t } from './i18n';
import { LearnerValue } from './LearnerValue';
import { elementLabel, elementStatusWord, elementValueText } from './readable';

const ICON: Record<ElementStatus, string> = {
  present: '✔',
  missing: '✖',
  'not-expressible': '–',
  'not-disclosed': '◌',
};

/**
 * The EU standard elements (Council Recommendation 2022/C 243/02, Annex I) in order: element,
 * status, value. Where in the credential each value came from (JSON path, XPath) is folded under
 * the value (a keyboard-usable disclosure), so long paths never widen the table.
 */
export function ElementsTable({ elements }: { elements: StandardElement[] }) {
  if (elements.length === 0) return <p class="muted">{t('elements_none')}</p>;
  return (
    <table class="elements" data-testid="elements-table">
      <thead>
        <tr>
          <th scope="col">{t('elements_col_element')}</th>
          <th scope="col">{t('elements_col_status')}</th>
          <th scope="col">{t('elements_col_value')}</th>
        </tr>
      </thead>
      <tbody>
        {elements.map((e) => (
          <tr
            key={e.key}
            data-testid="element-row"
            data-key={e.key}
            data-status={e.status}
            class={`element element--${e.status}`}
          >
            <th scope="row" class="element__name">
              {elementLabel(e)}
              {!e.mandatory && <span class="muted"> {t('elements_optional')}</span>}
            </th>
            <td class="element__status">
              <span aria-hidden="true">{ICON[e.status]}</span> {elementStatusWord(e.status)}
            </td>
            <td class="element__cell">
              {(e.values ?? []).map((v, i) => (
                <div key={i} class="element__value">
                  {e.key === 'learner' ? <LearnerValue value={v} /> : elementValueText(e.key, v)}
                </div>
              ))}
              {e.note !== undefined && <div class="muted">{e.note}</div>}
              {e.external === true && <div class="muted">{t('elements_external')}</div>}
              {e.source !== undefined && (
                <details class="element__source" data-testid="element-source">
                  <summary>{t('elements_where')}</summary>
                  <ul>
                    {e.source.split(', ').map((path, i) => (
                      <li key={i}>
                        <code>{path}</code>
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
