// The playground's conversations. Kept in memory for speed and appended to a JSON-lines
// file under DATA_DIR, so a restarted playground shows the same conversations.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import type { Message } from '../../src/ui/model.js';

export interface TranscriptEntry {
  id: string;
  conversation: string;
  from: 'bot' | 'person';
  /** The playground user id of the person (for messages they typed). */
  author?: string;
  at: string;
  /** Bot messages carry the neutral model; people's messages carry plain text. */
  message?: Message;
  text?: string;
  /** A reply in the thread of this message (channel summaries put their long part there). */
  threadOf?: string;
  /** Set when an update replaced the original message. */
  updatedAt?: string;
}

export class Transcript extends EventEmitter {
  private readonly entries = new Map<string, TranscriptEntry[]>();
  private readonly file: string | undefined;

  constructor(dir: string | undefined) {
    super();
    this.setMaxListeners(0);
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, 'transcript.jsonl');
    if (existsSync(this.file)) {
      for (const line of readFileSync(this.file, 'utf8').split('\n')) {
        if (line.trim()) this.store(JSON.parse(line) as TranscriptEntry);
      }
    }
  }

  list(conversation: string): TranscriptEntry[] {
    return this.entries.get(conversation) ?? [];
  }

  find(conversation: string, id: string): TranscriptEntry | undefined {
    return this.list(conversation).find((e) => e.id === id);
  }

  add(entry: TranscriptEntry): void {
    this.store(entry);
    this.persist(entry);
    this.emit('entry', entry);
  }

  private store(entry: TranscriptEntry): void {
    const list = this.entries.get(entry.conversation) ?? [];
    const index = list.findIndex((e) => e.id === entry.id);
    if (index >= 0) list[index] = entry;
    else list.push(entry);
    this.entries.set(entry.conversation, list);
  }

  private persist(entry: TranscriptEntry): void {
    if (this.file) appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }
}
