import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

const residentIdPattern = /(?<![\dA-Za-z])(\d{4})\d{10}(\d{3}[\dXx])(?![\dA-Za-z])/g;
const mobilePattern = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

/** 身份证号 and mobile numbers never reach a log line in clear, wherever they appear. */
export function redactPersonalNumbers(line: string): string {
  return line.replace(residentIdPattern, '$1**********$2').replace(mobilePattern, '$1****$2');
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.newPassword',
          '*.clientSecret',
        ],
        censor: '[redacted]',
      },
      hooks: { streamWrite: redactPersonalNumbers },
    },
    destination,
  );
}
