// The program page (issue 17.5): the cohort's program as it stands, the file to download
// (the program's content and the person's own cohort), and a changed file uploaded (a file
// input, or its text pasted), checked by the CLI's own validator, previewed and then
// applied. The uploaded text waits in the server-side session under a random id between
// preview and apply, so the page carries no copy of it; apply refuses when the program
// changed since the preview (its version is kept with the text). A file that changes
// people or cohorts is refused with the way to the People page.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import type { Session } from '../../../application/session.js';
import { perform } from '../../../application/use-case.js';
import { inLocale } from '../../../domain/program/localized.js';
import { applyProgram, issuePath, previewProgram, programFile, viewProgram, PROGRAM_FILE_MAX_BYTES, type Refusal } from '../../../features/program/manage.js';
import { formatMoment } from '../../../i18n/format.js';
import { textsOf, type ConsolePage } from '../context.js';

declare module 'express-session' {
  interface SessionData {
    /** The uploaded program text between its preview and Apply. */
    programDraft?: { id: string; text: string; importedAt: string; version: string };
  }
}

const PATH = '/console/program';

/** This page's texts and dates, for its views. */
function words(s: Session) {
  return {
    p: textsOf(s, 'console_program'),
    when: (at: Date) => formatMoment(at, s.zone, s.locale),
    titleOf: (row: { title: string; translations: unknown }) => inLocale(row.title, row.translations, s.locale, 'title'),
  };
}

const sessionOf = (res: Response) => res.locals.consoleSession as Session;

export const programPage: ConsolePage = {
  nav: { href: PATH, label: 'console_program.nav', capability: 'import_program' },
  mount(ctx) {
    const { router, ports, page, csrf } = ctx;
    /** Who may change the program, checked before any body is read. */
    const gate: RequestHandler = (req, res, next) => {
      ctx.signedIn(req, res, 'import_program').then((s) => {
        if (!s) return;
        res.locals.consoleSession = s;
        next();
      }, next);
    };
    const upload = uploadParser();

    /** The program page, with the upload form; `extra` carries errors and the text sent. */
    const showProgram = async (req: Request, res: Response, s: Session, status: number, extra: Record<string, unknown> = {}) => {
      const { program } = await perform(viewProgram, s, ports, undefined);
      page(req, res, status, 'program', s, { ...words(s), program, issues: [], text: '', message: undefined, peopleLink: false, ...extra });
    };

    router.get(PATH, gate, async (req, res) => showProgram(req, res, sessionOf(res), 200));

    router.get(`${PATH}/file`, gate, async (_req, res) => {
      const { slug, text } = await perform(programFile, sessionOf(res), ports, undefined);
      res.status(200).type('application/yaml; charset=utf-8').setHeader('cache-control', 'private, no-store');
      res.attachment(`${slug}.yaml`).send(text);
    });

    router.post(`${PATH}/preview`, gate, upload, csrf, async (req, res) => {
      const s = sessionOf(res);
      const sent = textSent(req, res);
      if (sent.problem)
        return showProgram(req, res, s, sent.problem === 'too_large' ? 413 : 400, { message: s.t(`console_program.${sent.problem}`, { kb: PROGRAM_FILE_MAX_BYTES / 1024 }), text: sent.text });
      const importedAt = s.now;
      const preview = await perform(previewProgram, s, ports, { text: sent.text, importedAt });
      if (!preview.ok) return refused(req, res, s, preview.refusal, sent.text);
      const draft = { id: randomUUID(), text: sent.text, importedAt: importedAt.toISOString(), version: preview.version };
      req.session.programDraft = draft;
      page(req, res, 200, 'program-preview', s, { ...words(s), preview, draft: draft.id });
    });

    router.post(`${PATH}/apply`, gate, csrf, async (req, res) => {
      const s = sessionOf(res);
      const draft = req.session.programDraft;
      const asked = (req.body as { draft?: string } | undefined)?.draft;
      if (!draft || draft.id !== asked) return page(req, res, 409, 'program-stale', s, { ...words(s), heading: 'no_draft_title', body: 'no_draft' });
      const applied = await perform(applyProgram, s, ports, { text: draft.text, importedAt: new Date(draft.importedAt), version: draft.version });
      if (!applied.ok) {
        delete req.session.programDraft;
        if ('stale' in applied) return page(req, res, 409, 'program-stale', s, { ...words(s), heading: 'stale_title', body: 'stale_body' });
        return refused(req, res, s, applied.refusal, draft.text);
      }
      delete req.session.programDraft;
      const sum = (field: 'planned' | 'cancelled') => Object.values(applied.planned).reduce((n, o) => n + o[field], 0);
      page(req, res, 200, 'program-applied', s, { ...words(s), imported: applied.imported, planned: sum('planned'), cancelled: sum('cancelled') });
    });

    /** A file that cannot be imported: every reason on the program page, with its text to correct, and 422. */
    function refused(req: Request, res: Response, s: Session, refusal: Refusal, text: string) {
      if (refusal.kind === 'invalid') {
        const issues = refusal.issues.map((issue) => ({ line: issue.line, path: issuePath(issue), message: issue.message }));
        return showProgram(req, res, s, 422, { issues, text });
      }
      if (refusal.kind === 'people') return showProgram(req, res, s, 422, { message: s.t('console_program.people_elsewhere'), peopleLink: true, text });
      return showProgram(req, res, s, 422, { message: s.t('console_program.other_program', { slug: refusal.slug, ours: refusal.ours }), text });
    }
  },
};

/**
 * multipart/form-data (a file input needs it) by multer, in memory and bounded: one file,
 * the pasted text and the token. A file over the bound is answered on the page, not thrown.
 */
function uploadParser(): RequestHandler {
  const parse = multer({ storage: multer.memoryStorage(), limits: { fileSize: PROGRAM_FILE_MAX_BYTES, fieldSize: PROGRAM_FILE_MAX_BYTES, files: 1, fields: 4 } }).single('file');
  return (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (error?: unknown) => {
      // Too large, an unexpected field or a broken form: said on the page (the token check still
      // comes next, so a form without one is refused as any other), never a failure.
      if (error) {
        const tooLarge = error instanceof multer.MulterError && (error.code === 'LIMIT_FILE_SIZE' || error.code === 'LIMIT_FIELD_VALUE');
        res.locals.uploadProblem = tooLarge ? 'too_large' : 'unreadable';
        req.body ??= {};
      }
      next();
    });
  };
}

/** The file's text, else the pasted text; or why there is none to check. */
function textSent(req: Request, res: Response): { text: string; problem?: 'nothing_sent' | 'too_large' | 'unreadable' | 'not_text' } {
  if (res.locals.uploadProblem === 'too_large' || res.locals.uploadProblem === 'unreadable') return { text: '', problem: res.locals.uploadProblem };
  const pasted = String((req.body as { text?: unknown } | undefined)?.text ?? '');
  const file = req.file?.buffer;
  if (file && file.length > 0) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(file) };
    } catch {
      return { text: pasted, problem: 'not_text' };
    }
  }
  return pasted.trim() ? { text: pasted } : { text: '', problem: 'nothing_sent' };
}
