import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AbilityFactory } from '@helixgate/access';
import { AuditService } from '@helixgate/audit';
import { DomainError, type Caller } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import * as path from 'node:path';
import { In, Not, type Repository } from 'typeorm';
import { parsePeerDefinition, type PeerDefinition, type PeerField } from './peer-definition';
import { PeerEntity } from './peer.entity';
import { loadPeersPolicy } from './peers-policy';

const ACTIVE_CACHE_MS = 1000;

/** The peers file: `<HELIXGATE_POLICIES_DIR>/peers.yaml`. */
export function peersFile(config: HelixgateConfig): string {
  return path.join(config.policiesDir, 'peers.yaml');
}

/**
 * The peer registry. At boot the peers of `policies/peers.yaml` are written into the `peer` table (the
 * file is the source of truth for them; a peer removed from the file is removed here); administrators add
 * and disable peers at run time (GraphQL, CLI). Reads go to the database every time, so a peer disabled
 * by the CLI stops being asked, and stops being answered, at once.
 */
@Injectable()
export class PeerRegistryService implements OnModuleInit {
  private readonly logger = new Logger('Peers');
  private activeCache: { at: number; peers: Promise<PeerEntity[]> } | null = null;

  constructor(
    @InjectRepository(PeerEntity) private readonly peers: Repository<PeerEntity>,
    private readonly config: HelixgateConfig,
    private readonly abilities: AbilityFactory,
    private readonly audit: AuditService,
  ) {}

  async onModuleInit(): Promise<void> {
    const defs = loadPeersPolicy(peersFile(this.config));
    await this.peers.manager.transaction(async (m) => {
      const repo = m.getRepository(PeerEntity);
      await repo.delete(
        defs.length ? { source: 'file', id: Not(In(defs.map((d) => d.id))) } : { source: 'file' },
      );
      for (const def of defs) await repo.save(repo.create({ ...def, source: 'file' }));
    });
    if (defs.length) this.logger.log({ peers: defs.map((d) => d.id) }, 'peers loaded from policies');
    for (const d of defs.filter((p) => p.insecure)) this.warnInsecure(d);
  }

  /** Every peer (administrators only). */
  async list(caller: Caller): Promise<PeerEntity[]> {
    await this.assertManage(caller);
    return this.peers.find({ order: { id: 'ASC' } });
  }

  /**
   * The peers a federated query goes to. Kept for ACTIVE_CACHE_MS (a database round trip less on every
   * federated query); changes made here apply at once, changes by another process (the CLI) within that time.
   */
  active(): Promise<PeerEntity[]> {
    const now = Date.now();
    if (!this.activeCache || now - this.activeCache.at > ACTIVE_CACHE_MS) {
      const peers = this.peers.find({ where: { status: 'active' }, order: { id: 'ASC' } });
      this.activeCache = { at: now, peers };
      peers.catch(() => (this.activeCache = null));
    }
    return this.activeCache.peers;
  }

  /** The registered Helixgate peer that signs as `issuer`, whatever its status (the caller checks it). */
  findByIssuer(issuer: string): Promise<PeerEntity | null> {
    return this.peers.findOne({ where: { issuer, kind: 'helixgate' } });
  }

  /** Adds a peer or replaces its definition (administrators only); re-registering re-activates. */
  async register(caller: Caller, raw: Partial<Record<PeerField, unknown>>): Promise<PeerEntity> {
    await this.assertManage(caller);
    const def: PeerDefinition = parsePeerDefinition(raw);
    if (def.issuer) {
      const other = await this.peers.findOne({ where: { issuer: def.issuer } });
      if (other && other.id !== def.id) {
        throw new DomainError('CONFLICT', `another peer is already registered for issuer ${def.issuer}`);
      }
    }
    const saved = await this.peers.save(this.peers.create({ ...def, source: 'api' }));
    this.activeCache = null;
    if (def.insecure) this.warnInsecure(def);
    await this.record(caller, 'peer.register', {
      peer: def.id,
      status: def.status,
      ...(def.insecure ? { insecure: true } : {}),
    });
    return saved;
  }

  private warnInsecure(def: PeerDefinition): void {
    this.logger.warn(
      { peer: def.id, baseUrl: def.baseUrl },
      'peer registered over plain HTTP (--insecure): exchanges with it are not protected in transit',
    );
  }

  /** Stops asking and answering a peer (administrators only). */
  async disable(caller: Caller, id: string): Promise<PeerEntity> {
    await this.assertManage(caller);
    const peer = await this.peers.findOne({ where: { id } });
    if (!peer) throw new DomainError('NOT_FOUND', `peer ${id} not found`);
    peer.status = 'disabled';
    const saved = await this.peers.save(peer);
    this.activeCache = null;
    await this.record(caller, 'peer.disable', { peer: id });
    return saved;
  }

  private assertManage(caller: Caller): Promise<void> {
    return this.abilities.assert(caller, 'manage', 'Peer', undefined, 'peers');
  }

  /** On the request's event when in a request (GraphQL), else its own event (CLI). */
  private async record(caller: Caller, action: string, detail: Record<string, unknown>): Promise<void> {
    if (this.audit.annotate({ action, detail })) return;
    await this.audit.recordFor(caller, { action, outcome: 'allow', resource: 'peer', detail });
  }
}
