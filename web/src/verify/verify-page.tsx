import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../shared/api';
import { parseInstant } from '../shared/format';
import { changeLanguage, currentLanguage } from '../shared/i18n';
import { MAX_PDF_BYTES, useFileCheck, useSerialCheck, type VerifyAnswer } from './verify-api';
import './verify.css';

const statusIcon: Record<VerifyAnswer['status'], string> = { authentic: '✓', tampered: '✕', revoked: '!', unknown: '?' };

/** A day in the issuing authority's calendar (China's), in the reader's language. */
function formatDay(iso: string): string {
  const date = parseInstant(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(currentLanguage(), { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Shanghai' });
}

function errorMessage(error: unknown): string {
  return isApiError(error) || error instanceof Error ? error.message : String(error);
}

function Checking() {
  const { t } = useTranslation();
  return (
    <div className="zl-verify-checking" role="status" aria-live="polite">
      <span className="zl-spinner" aria-hidden="true" />
      <span>{t('verify.checking')}</span>
    </div>
  );
}

function ResultCard({ answer, source }: { answer: VerifyAnswer; source: 'serial' | 'file' }) {
  const { t } = useTranslation();
  const c = answer.certificate;
  const rows: [string, string | undefined][] = c
    ? [
        [t('verify.details.kind'), c.kind],
        [t('verify.details.serialNo'), c.serialNo],
        [t('verify.details.holderName'), c.holderName],
        [t('verify.details.orgName'), c.orgName],
        [t('verify.details.issuedAt'), formatDay(c.issuedAt)],
        [t('verify.details.revokedAt'), c.revokedAt ? formatDay(c.revokedAt) : undefined],
        [t('verify.details.revokedReason'), c.revokedReason],
      ]
    : [];
  return (
    <section
      className={`zl-verify-result zl-verify-${answer.status}`}
      data-testid="verify-result"
      data-status={answer.status}
      aria-live="polite"
    >
      <div className="zl-verify-verdict">
        <span className="zl-verify-icon" aria-hidden="true">
          {statusIcon[answer.status]}
        </span>
        <h2>{t(`verify.status.${answer.status}`)}</h2>
      </div>
      <p className="zl-verify-explain">{t(`verify.explain.${source}.${answer.status}`)}</p>
      {rows.length > 0 && (
        <dl className="zl-verify-details">
          {rows
            .filter((row): row is [string, string] => Boolean(row[1]))
            .map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
        </dl>
      )}
    </section>
  );
}

function SerialResult({ serialNo }: { serialNo: string }) {
  const check = useSerialCheck(serialNo);
  if (check.isPending) return <Checking />;
  if (check.isError)
    return (
      <p className="zl-verify-error" role="alert">
        {errorMessage(check.error)}
      </p>
    );
  return <ResultCard answer={check.data} source="serial" />;
}

function FileCheck() {
  const { t } = useTranslation();
  const check = useFileCheck();
  const [fileName, setFileName] = useState<string>();
  const [refusal, setRefusal] = useState<string>();

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // the same file may be chosen again
    if (!file) return;
    setFileName(file.name);
    check.reset();
    if (file.size > MAX_PDF_BYTES) return setRefusal(t('verify.byFile.tooLarge'));
    if (file.type && file.type !== 'application/pdf' && !/\.pdf$/i.test(file.name)) return setRefusal(t('verify.byFile.notPdf'));
    setRefusal(undefined);
    check.mutate(file);
  };

  return (
    <section className="zl-verify-card">
      <h2>{t('verify.byFile.title')}</h2>
      <p className="zl-verify-hint">{t('verify.byFile.hint')}</p>
      <label className="zl-verify-file">
        <input type="file" accept="application/pdf,.pdf" onChange={onChange} data-testid="verify-file" />
        <span className="zl-verify-button">{fileName ? t('verify.byFile.again') : t('verify.byFile.choose')}</span>
        {fileName && <span className="zl-verify-file-name">{fileName}</span>}
      </label>
      {refusal && (
        <p className="zl-verify-error" role="alert">
          {refusal}
        </p>
      )}
      {check.isPending && <Checking />}
      {check.isError && (
        <p className="zl-verify-error" role="alert">
          {errorMessage(check.error)}
        </p>
      )}
      {check.data && <ResultCard answer={check.data} source="file" />}
    </section>
  );
}

function SerialForm({ initial }: { initial: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [typed, setTyped] = useState(initial);
  useEffect(() => setTyped(initial), [initial]);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const serial = typed.replace(/[\s-]+/g, '').toUpperCase();
    if (serial) navigate(`/verify/${encodeURIComponent(serial)}`);
  };
  return (
    <section className="zl-verify-card">
      <h2>{t('verify.bySerial.title')}</h2>
      <form className="zl-verify-serial" onSubmit={onSubmit}>
        <input
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          placeholder={t('verify.bySerial.placeholder')}
          aria-label={t('verify.bySerial.title')}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
        />
        <button type="submit" className="zl-verify-button">
          {t('verify.bySerial.submit')}
        </button>
      </form>
    </section>
  );
}

/** 电子证照核验 `/verify` and `/verify/:serialNo`: public, phone first. */
export function VerifyPage() {
  const { t } = useTranslation();
  const { serialNo } = useParams();
  useEffect(() => {
    document.title = `${t('verify.title')} · ${t('common.appName')}`;
  }, [t]);
  return (
    <div className="zl-verify">
      <header className="zl-verify-header">
        <div className="zl-verify-topline">
          <span>
            {t('common.appName')} · {t('verify.brand')}
          </span>
          <button
            type="button"
            className="zl-verify-language"
            onClick={() => void changeLanguage(currentLanguage() === 'en' ? 'zh-CN' : 'en')}
          >
            {t('verify.language')}
          </button>
        </div>
        <h1>{t('verify.title')}</h1>
        <p>{t('verify.intro')}</p>
      </header>
      <main className="zl-verify-main">
        {serialNo && (
          <section className="zl-verify-card">
            <SerialResult serialNo={serialNo} />
          </section>
        )}
        <FileCheck />
        <SerialForm initial={serialNo ?? ''} />
        <p className="zl-verify-privacy">{t('verify.privacy')}</p>
      </main>
    </div>
  );
}
