/** What a module asks the notification centre (P6.2) to tell people. */
export interface NotifyInput {
  /** account ids; unknown or disabled accounts are skipped */
  recipients: string[];
  /** what it is about, e.g. 'message.urgent', 'instruction.assigned' — users choose channels per topic */
  topic: string;
  /** already in the recipient's language (Chinese by default) */
  title: string;
  body: string;
  /** a front-end path to open, e.g. '/workbench/instructions/ins_…' */
  link?: string;
  /** urgent: delivered on every channel the user has (in-app, email, SMS), whatever they chose */
  urgent?: boolean;
  /** the object it is about, for the in-app list */
  sourceType?: string;
  sourceId?: string;
  /**
   * Makes the effect happen once: a second notify with the same key for the same recipient
   * changes nothing (retries after a crash, re-sent urgent messages use their own keys).
   */
  dedupeKey?: string;
}
