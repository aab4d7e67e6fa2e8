import { useState } from 'preact/hooks';
import type { OwnLists } from '../lib/extension/settings';
import type { OrgListEntry } from '../lib/trust/org-list';
import { t } from './i18n';

/** The organisation's own allow/deny lists: add and remove entries (disabled when the policy locks them). */
export function OwnListsEditor(p: {
  lists: OwnLists;
  locked: boolean;
  onSave: (next: OwnLists) => Promise<string | null>;
}) {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [which, setWhich] = useState<'allow' | 'deny'>('allow');
  const [message, setMessage] = useState<string | null>(null);

  const save = async (next: OwnLists) => setMessage((await p.onSave(next)) ?? t('options_saved'));
  const add = (e: Event) => {
    e.preventDefault();
    if (id.trim() === '') return;
    const entry: OrgListEntry = name.trim() === '' ? { id: id.trim() } : { id: id.trim(), name: name.trim() };
    void save({ ...p.lists, [which]: [...p.lists[which].filter((x) => x.id !== entry.id), entry] }).then(
      () => {
        setId('');
        setName('');
      },
    );
  };
  const remove = (list: 'allow' | 'deny', entryId: string) =>
    void save({ ...p.lists, [list]: p.lists[list].filter((x) => x.id !== entryId) });

  return (
    <div class="own-lists">
      {(['allow', 'deny'] as const).map((list) => (
        <section key={list} class={`own-list own-list--${list}`} data-testid={`own-${list}`}>
          <h3>{list === 'allow' ? t('options_allow') : t('options_deny')}</h3>
          {p.lists[list].length === 0 ? (
            <p class="muted small">{t('options_emptyList')}</p>
          ) : (
            <ul>
              {p.lists[list].map((e) => (
                <li key={e.id} data-testid="own-entry" data-entry-id={e.id}>
                  <span>
                    {e.name !== undefined && <strong>{e.name} </strong>}
                    <code class="url">{e.id}</code>
                  </span>
                  <button
                    type="button"
                    class="link-button"
                    disabled={p.locked}
                    onClick={() => remove(list, e.id)}
                  >
                    {t('options_remove')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <form class="own-add" onSubmit={add}>
        <label>
          {t('options_entryId')}
          <input
            data-testid="own-add-id"
            value={id}
            disabled={p.locked}
            maxLength={2048}
            onInput={(e) => setId(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('options_entryName')}
          <input
            data-testid="own-add-name"
            value={name}
            disabled={p.locked}
            maxLength={300}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <label>
          <span class="visually-hidden">
            {t('options_allow')} / {t('options_deny')}
          </span>
          <select
            data-testid="own-add-list"
            value={which}
            disabled={p.locked}
            onChange={(e) => setWhich(e.currentTarget.value === 'deny' ? 'deny' : 'allow')}
          >
            <option value="allow">{t('options_allow')}</option>
            <option value="deny">{t('options_deny')}</option>
          </select>
        </label>
        <button type="submit" data-testid="own-add" disabled={p.locked}>
          {t('options_add')}
        </button>
      </form>
      {p.locked && <p class="muted small">{t('options_lockedBy')}</p>}
      {message !== null && (
        <p role="status" class="small" data-testid="own-status">
          {message}
        </p>
      )}
    </div>
  );
}
