// The playground's conversations. Kept in memory for speed and appended to a JSON-lines
// file under DATA_DIR, so a restarted playground shows the same conversations.
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import type { Message } from '../../src/ui/model.js';

/** What an erased person's name reads as in a message kohort keeps. */
const ERASED = '–';
export const dmKey = (userId: string) => `dm:${userId}`;
export const channelKey = (channelId: string) => `channel:${channelId}`;

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
  /** Direct conversations of people just erased: what kohort still says there (the goodbye) is shown, never stored. */
  private readonly forgotten = new Set<string>();

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
    // Someone writing again starts a new conversation, stored as usual.
    if (entry.from === 'person') this.forgotten.delete(entry.conversation);
    this.store(entry);
    if (!this.forgotten.has(entry.conversation)) this.persist(entry);
    this.emit('entry', entry);
  }

  /**
   * An erased person (glöm mig): their direct conversation and everything they typed go, and
   * their name is blanked wherever kohort's own messages mention it (a channel summary that
   * named a decision). The file is rewritten whole, so nothing of theirs stays on disk.
   */
  forget(userIds: readonly string[], names: readonly string[]): number {
    const gone = new Set(userIds.map((id) => dmKey(id)));
    for (const conversation of gone) this.forgotten.add(conversation);
    const blank = (text: string) => names.reduce((out, name) => out.split(name).join(ERASED), text);
    let changed = 0;
    for (const [conversation, list] of this.entries) {
      if (gone.has(conversation)) {
        changed += list.length;
        this.entries.delete(conversation);
        continue;
      }
      const kept: TranscriptEntry[] = [];
      for (const entry of list) {
        const before = JSON.stringify(entry);
        const after = blank(before);
        if (entry.author && userIds.includes(entry.author)) changed++;
        else if (after !== before) {
          kept.push(JSON.parse(after) as TranscriptEntry);
          changed++;
        } else kept.push(entry);
      }
      this.entries.set(conversation, kept);
    }
    if (this.file) {
      const lines = [...this.entries.values()].flat().map((entry) => `${JSON.stringify(entry)}\n`);
      writeFileSync(`${this.file}.tmp`, lines.join(''));
      renameSync(`${this.file}.tmp`, this.file);
    }
    return changed;
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
