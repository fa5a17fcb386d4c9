import { RouteSet } from '../evidence/route-keys.js';
import type { Config, Entity, EvidenceRecord } from '../types.js';
import type { ProjectFacts } from './project-facts.js';

/**
 * What a partial run (partial-run.ts) loads, and what it has asked for since
 * its last round. The evidence files are the new ones and those holding a
 * record filed under a key asked for, or asked for by id; of the old files'
 * records it keeps only those: a claim's query reads one bucket, whose
 * records share their files with twenty times as many others.
 */
export class PartialReads {
  readonly evidenceFiles: Set<string>;
  readonly claimsFiles = new Set<string>();
  private readonly keys = new RouteSet();
  private readonly ids = new Set<string>();
  private missing = new Set<string>();
  private grew = false;

  constructor(
    private readonly facts: ProjectFacts,
    private readonly added: ReadonlySet<string>,
  ) {
    this.evidenceFiles = new Set(added);
  }

  /** The records filed under a route key: their files loaded, and those records kept. */
  need = (key: string): void => {
    const files = this.facts.routes(key);
    if (!files?.length) return;
    for (const i of files) this.load(this.facts.files[i]!);
    if (this.keys.add(key)) this.grew = true;
  };

  /** A record by id: its file loaded, and the record kept. */
  needId = (id: string): void => {
    const i = this.facts.fileOf(id);
    if (i === undefined) return;
    this.load(this.facts.files[i]!);
    if (!this.ids.has(id)) {
      this.ids.add(id);
      this.grew = true;
    }
  };

  needClaims(file: string): void {
    if (this.claimsFiles.has(file)) return;
    this.claimsFiles.add(file);
    this.grew = true;
  }

  /** Whether anything asked for since the last call is not loaded yet: the files to load are added, and another round is due. */
  another(): boolean {
    for (const file of this.missing) this.evidenceFiles.add(file);
    const again = this.missing.size > 0 || this.grew;
    this.missing = new Set();
    this.grew = false;
    return again;
  }

  /** Of the records of the files loaded, those to keep (loadWith's keepRecord). */
  keep = (r: EvidenceRecord, model: { config: Config; entities: ReadonlyMap<string, Entity> }): boolean =>
    this.added.has(r.ref.file) ||
    this.ids.has(r.id) ||
    // Dated only once loaded, by another record: what it is filed under is not known before.
    (!r.date && (r.after !== undefined || r.before !== undefined)) ||
    this.keys.files(r, model.config.vocabulary, model.entities);

  /**
   * keep, asked of each record as its file gives it, before it is built
   * (loadWith's admitRecord): never false where keep is true. `entities`
   * must be those every round reads.
   */
  admit(entities: ReadonlyMap<string, Entity>): (raw: Readonly<Record<string, unknown>>, file: string) => boolean {
    return (raw, file) =>
      this.added.has(file) ||
      (typeof raw.id === 'string' && this.ids.has(raw.id)) ||
      raw.after !== undefined ||
      raw.before !== undefined ||
      this.keys.mayFile(raw, entities);
  }

  private load(file: string): void {
    if (!this.evidenceFiles.has(file)) this.missing.add(file);
  }
}
