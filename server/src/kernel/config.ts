import { resolve } from 'node:path';
import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  ZHILI_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  ZHILI_PUBLIC_URL: z.url().optional(),
  ZHILI_LOG_LEVEL: z.enum(logLevels).default('info'),
  ZHILI_DEMO: z.enum(['true', 'false']).default('true'),
  ZHILI_BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  ZHILI_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  ZHILI_TIMER_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  ZHILI_COLLECTION_INTERVAL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  ZHILI_GATEWAY_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(600),
  ZHILI_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  ZHILI_MAIL_FROM: z.string().min(3).default('浙里治理 <noreply@zhili.localhost>'),
  ZHILI_SMS_PROVIDER: z.enum(['log']).default('log'),
  ZHILI_APP_CHECK_INTERVAL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  ZHILI_MASTER_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (32 bytes)')
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Base URL people and apps reach this node at; the OIDC issuer hangs off it. */
  publicUrl: string;
  logLevel: (typeof logLevels)[number];
  seedDemo: boolean;
  bodyLimit: number;
  sessionHours: number;
  /** How often stored workflow timers are looked at. */
  timerIntervalMs: number;
  /** how often due scheduled pulls are looked for */
  collectionIntervalMs: number;
  /** Wraps the SM4 data keys; without it a master.key file in the data dir does. */
  masterKey: string | undefined;
  /** Gateway calls a minute per app and resource. */
  gatewayRateLimit: number;
  /** Where e-mail notifications go out (smtp://user:pass@host:port); none: no e-mail channel. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The SMS gateway; 'log' writes each message to the log (no provider contracted yet). */
  smsProvider: 'log';
  /** how often registered apps' availability is checked */
  appCheckIntervalMs: number;
}

export class ConfigError extends Error {
  readonly problems: { variable: string; message: string }[];
  constructor(problems: { variable: string; message: string }[]) {
    super('Invalid configuration:\n' + problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Reads the environment once; a bad value stops start-up naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(pick(env, Object.keys(envSchema.shape)));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '?'),
        message: issue.message,
      })),
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.ZHILI_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl: (e.ZHILI_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    logLevel: e.ZHILI_LOG_LEVEL,
    seedDemo: e.ZHILI_DEMO === 'true',
    bodyLimit: e.ZHILI_BODY_LIMIT,
    sessionHours: e.ZHILI_SESSION_HOURS,
    timerIntervalMs: e.ZHILI_TIMER_INTERVAL_MS,
    collectionIntervalMs: e.ZHILI_COLLECTION_INTERVAL_MS,
    masterKey: e.ZHILI_MASTER_KEY,
    gatewayRateLimit: e.ZHILI_GATEWAY_RATE_LIMIT,
    smtpUrl: e.ZHILI_SMTP_URL,
    mailFrom: e.ZHILI_MAIL_FROM,
    smsProvider: e.ZHILI_SMS_PROVIDER,
    appCheckIntervalMs: e.ZHILI_APP_CHECK_INTERVAL_MS,
  };
}

function pick(env: NodeJS.ProcessEnv, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = env[key];
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}
