import type { ElementStatus, StandardElement } from '../lib/model/report';

const STATUS: Record<ElementStatus, { icon: string; word: string }> = {
  present: { icon: '✔', word: 'Present' },
  missing: { icon: '✖', word: 'Missing' },
  'not-expressible': { icon: '–', word: 'Not in this format' },
};

/** The EU standard elements (Council Recommendation 2022/C 243/02, Annex I) in order. */
export function ElementsTable({ elements }: { elements: StandardElement[] }) {
  if (elements.length === 0)
    return <p class="muted">No standard elements could be read from this credential.</p>;
  return (
    <table class="elements" data-testid="elements-table">
      <thead>
        <tr>
          <th scope="col">Element</th>
          <th scope="col">Status</th>
          <th scope="col">Value</th>
          <th scope="col">Source field</th>
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
            <th scope="row">
              {e.label}
              {!e.mandatory && <span class="muted"> (optional)</span>}
            </th>
            <td class="element__status">
              <span aria-hidden="true">{STATUS[e.status].icon}</span> {STATUS[e.status].word}
            </td>
            <td>
              {(e.values ?? []).map((v, i) => (
                <div key={i} class="element__value">
                  {v}
                </div>
              ))}
              {e.note !== undefined && <div class="muted">{e.note}</div>}
              {e.external === true && <div class="muted">From outside the credential.</div>}
            </td>
            <td>{e.source !== undefined ? <code>{e.source}</code> : <span class="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
