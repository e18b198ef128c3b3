import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import * as ipaddr from 'ipaddr.js';

/**
 * Every setting Helixgate reads, typed and documented. The README's configuration table is checked
 * against this list by `test/config/readme-config.spec.ts`. `secret: true` marks values never logged.
 */
export interface ConfigVariableDoc {
  env: string;
  description: string;
  default: string;
  secret?: boolean;
}

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value === '' ? undefined : value;
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : value === 'true' || value === '1'
      ? true
      : value === 'false' || value === '0'
        ? false
        : value;

/** Express' names for address ranges (`trust proxy`). */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrSubnet(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length) return false;
  const v4 = ipaddr.IPv4.isValidFourPartDecimal(address);
  if (!v4 && !ipaddr.IPv6.isValid(address)) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (v4 ? 32 : 128);
}

/**
 * HELIXGATE_TRUST_PROXY: which proxies' `X-Forwarded-For` decides a request's client address. `false`
 * (nobody: the socket's peer is the client), a number of proxy hops in front of the gateway, or a comma
 * list of proxy addresses, subnets (CIDR) and Express' named ranges (loopback, linklocal, uniquelocal).
 * `true` (believe any X-Forwarded-For) is refused: every client could claim a new address, and with it a
 * fresh rate-limit allowance. Returns null for a value that is none of these.
 */
export function parseTrustProxy(value: string): false | number | string[] | null {
  const v = value.trim();
  if (v === 'false' || v === '0') return false;
  if (/^\d{1,2}$/.test(v)) return Number(v);
  const entries = v.split(',').map((e) => e.trim());
  if (entries.some((e) => !NAMED_RANGES.includes(e) && !isAddressOrSubnet(e))) return null;
  return entries;
}

function IsTrustProxy(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTrustProxy',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseTrustProxy(value) !== null,
        defaultMessage: () =>
          'HELIXGATE_TRUST_PROXY must be false, a number of proxy hops, or a comma list of proxy addresses, subnets or loopback/linklocal/uniquelocal (never true)',
      },
    },
    options,
  );
}

export class ConfigVariables {
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection string' })
  DATABASE_URL?: string;

  @IsString()
  HELIXGATE_DATA_DIR = './.helixgate';

  @IsOptional()
  @IsString()
  HELIXGATE_EMBEDDED_DB_DIR?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  HELIXGATE_DB_POOL_MAX = 10;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^,\s]+(\s*,\s*postgres(ql)?:\/\/[^,\s]+)*$/, {
    message: 'HELIXGATE_DATABASE_REPLICA_URLS must be a comma list of postgres:// connection strings',
  })
  HELIXGATE_DATABASE_REPLICA_URLS?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  HELIXGATE_WORKERS = 1;

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'HELIXGATE_REDIS_URL must be a redis:// or rediss:// URL' })
  HELIXGATE_REDIS_URL?: string;

  @IsIn(['auto', 'memory', 'postgres', 'redis'], {
    message: 'HELIXGATE_RATE_LIMIT_STORE must be auto, memory, postgres or redis',
  })
  HELIXGATE_RATE_LIMIT_STORE: 'auto' | 'memory' | 'postgres' | 'redis' = 'auto';

  @IsString()
  HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 4000;

  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: 'HELIXGATE_MASTER_KEY must be 32 bytes, base64-encoded (44 characters)',
  })
  HELIXGATE_MASTER_KEY?: string;

  @IsOptional()
  @IsString()
  HELIXGATE_MASTER_KEY_FILE?: string;

  @IsIn(['refuse', 'warn'], { message: 'HELIXGATE_MASTER_KEY_CHECK must be refuse or warn' })
  HELIXGATE_MASTER_KEY_CHECK: 'refuse' | 'warn' = 'refuse';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(250_000_000)
  HELIXGATE_MAX_RANGE_BP = 1_000_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  HELIXGATE_MAX_ALLELE_LENGTH = 10_000;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  HELIXGATE_MAX_BODY_BYTES = 102_400;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  HELIXGATE_GRAPHQL_MAX_ROOT_FIELDS = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  HELIXGATE_GRAPHQL_MAX_DEPTH = 20;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(1_000_000)
  HELIXGATE_GRAPHQL_MAX_COST = 1000;

  @IsTrustProxy()
  HELIXGATE_TRUST_PROXY = 'false';

  @IsString()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,62}$/, { message: 'HELIXGATE_NODE_ID must be a lowercase DNS-like name' })
  HELIXGATE_NODE_ID = 'helixgate-local';

  @IsString()
  HELIXGATE_NODE_NAME = 'Helixgate local node';

  @IsOptional()
  @IsString()
  HELIXGATE_POLICIES_DIR?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'HELIXGATE_ISSUER must be an http(s) URL' })
  HELIXGATE_ISSUER?: string;

  @IsOptional()
  @IsString()
  HELIXGATE_AUDIENCE?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsIn(['auto', 'json', 'pretty'])
  LOG_FORMAT: 'auto' | 'json' | 'pretty' = 'auto';

  /**
   * Set by the gateway's entry point before any library loads (apps/gateway/src/node-env.ts); read from
   * here by what reports it (service-info, Beacon info).
   */
  @IsString()
  NODE_ENV = 'production';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  HELIXGATE_AUDIT_CHECKPOINT_EVERY = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  HELIXGATE_AUDIT_CHECKPOINT_SECONDS = 60;

  @IsOptional()
  @IsString()
  HELIXGATE_AUDIT_SIGNING_KEY_FILE?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  HELIXGATE_AUDIT_ALERT_BASELINE = 500;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(604_800)
  HELIXGATE_AUDIT_ALERT_WINDOW_SECONDS = 300;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  HELIXGATE_ACCESS_EXPIRY_SWEEP_SECONDS = 60;

  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, {
    message: 'HELIXGATE_DB_APP_ROLE must be a plain PostgreSQL role name',
  })
  HELIXGATE_DB_APP_ROLE?: string;

  @Transform(toBool)
  @IsBoolean()
  HELIXGATE_GRAPHQL_PLAYGROUND = false;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  HELIXGATE_FEDERATION_TIMEOUT_MS = 5000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  HELIXGATE_SESSION_HOURS = 12;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(30 * 86_400)
  HELIXGATE_MAX_TOKEN_LIFETIME_SECONDS = 86_400;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(5 * 366 * 86_400)
  HELIXGATE_MAX_VISA_LIFETIME_SECONDS = 1096 * 86_400;

  @IsOptional()
  @IsString()
  HELIXGATE_CONSOLE_DIR?: string;

  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'HELIXGATE_SMTP_URL must be an smtp:// or smtps:// URL' })
  HELIXGATE_SMTP_URL?: string;

  @IsString()
  @Matches(/^[^\r\n]+@[^\r\n]+$/, {
    message: 'HELIXGATE_MAIL_FROM must be an address (optionally "Name <a@b>")',
  })
  HELIXGATE_MAIL_FROM = 'Helixgate <helixgate@localhost>';

  @IsOptional()
  @Matches(/^https?:\/\/[^\s,]+(\s*,\s*https?:\/\/[^\s,]+)*$/, {
    message: 'HELIXGATE_WEBHOOK_URLS must be a comma list of http(s) URLs',
  })
  HELIXGATE_WEBHOOK_URLS?: string;

  // required when webhooks are configured: an unsigned webhook is never sent
  @ValidateIf(
    (o: ConfigVariables) =>
      o.HELIXGATE_WEBHOOK_URLS !== undefined || o.HELIXGATE_WEBHOOK_SECRET !== undefined,
  )
  @Matches(/^.{32,}$/, {
    message: 'HELIXGATE_WEBHOOK_SECRET must be set, at least 32 characters, when HELIXGATE_WEBHOOK_URLS is',
  })
  HELIXGATE_WEBHOOK_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(3_600_000)
  HELIXGATE_NOTIFY_POLL_MS = 5000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  HELIXGATE_NOTIFY_MAX_ATTEMPTS = 8;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  HELIXGATE_NOTIFY_BACKOFF_MS = 30_000;

  @Matches(/^\s*\d{1,4}(\s*,\s*\d{1,4})*\s*$|^$/, {
    message: 'HELIXGATE_GRANT_REMINDER_DAYS must be a comma list of whole days, e.g. 30,7,1',
  })
  HELIXGATE_GRANT_REMINDER_DAYS = '30,7,1';
}

export const CONFIG_DOCS: ConfigVariableDoc[] = [
  {
    env: 'DATABASE_URL',
    description:
      'PostgreSQL connection string. Unset: embedded PostgreSQL (PGlite) in HELIXGATE_EMBEDDED_DB_DIR.',
    default: '(unset: embedded)',
    secret: true,
  },
  {
    env: 'HELIXGATE_DATA_DIR',
    description: 'Directory for node state: embedded database, key file, node keys.',
    default: './.helixgate',
  },
  {
    env: 'HELIXGATE_EMBEDDED_DB_DIR',
    description: 'Data directory of the embedded database.',
    default: '$HELIXGATE_DATA_DIR/db',
  },
  {
    env: 'HELIXGATE_DB_POOL_MAX',
    description:
      "Connections in each of a process's two PostgreSQL pools (TypeORM's, and the query path's prepared statements with generic plans beside it: up to twice this per process; the embedded database always uses 1).",
    default: '10',
  },
  {
    env: 'HELIXGATE_DATABASE_REPLICA_URLS',
    description:
      'PostgreSQL streaming replicas (comma list) for variant matching; access decisions, budgets and audit stay on DATABASE_URL. A replica behind the primary on a dataset is not used for it.',
    default: '(unset)',
    secret: true,
  },
  {
    env: 'HELIXGATE_WORKERS',
    description:
      'Gateway processes (node:cluster) sharing the port; more than 1 needs DATABASE_URL (the embedded database serves one process).',
    default: '1',
  },
  {
    env: 'HELIXGATE_REDIS_URL',
    description:
      'Redis for the state gateway processes share (rate limits, federation replay cache). Unset: kept in PostgreSQL.',
    default: '(unset: PostgreSQL)',
    secret: true,
  },
  {
    env: 'HELIXGATE_RATE_LIMIT_STORE',
    description:
      'Where the query rate limiter counts: auto (Redis with HELIXGATE_REDIS_URL, else PostgreSQL on a server, process memory on the embedded database), memory (one process only: saves one statement per query, but with several processes or hosts each counts its own share), postgres, redis. The charge runs beside the query reads (docs/operations.md).',
    default: 'auto',
  },
  { env: 'HOST', description: 'Address the gateway listens on.', default: '127.0.0.1' },
  { env: 'PORT', description: 'Port the gateway listens on (0: any free port).', default: '4000' },
  {
    env: 'HELIXGATE_MASTER_KEY',
    description:
      'Master key (32 bytes, base64) that wraps the per-dataset data keys. Overrides the key file.',
    default: '(unset)',
    secret: true,
  },
  {
    env: 'HELIXGATE_MASTER_KEY_FILE',
    description:
      'Key ring file of master keys. Created (0600, in a 0700 directory) only on a node with no encrypted data; refused (exit 77) when group or others may read it.',
    default: '$HELIXGATE_DATA_DIR/master-keys.json',
    secret: true,
  },
  {
    env: 'HELIXGATE_MASTER_KEY_CHECK',
    description:
      '`refuse`: the gateway and the CLI do not start (exit 66) while a wrapped data key names a master key the ring does not hold, and never create a new ring on a node that has wrapped keys. `warn`: log it and go on — only for a database shared by several test nodes, each with its own key.',
    default: 'refuse',
  },
  {
    env: 'HELIXGATE_MAX_RANGE_BP',
    description: 'Widest range query accepted, in base pairs.',
    default: '1000000',
  },
  {
    env: 'HELIXGATE_MAX_ALLELE_LENGTH',
    description:
      'Longest referenceBases / alternateBases a beacon query may give; longer ones are refused (ALLELE_TOO_LONG) before any database work.',
    default: '10000',
  },
  {
    env: 'HELIXGATE_MAX_BODY_BYTES',
    description:
      'Largest JSON request body, in bytes, on every route (GraphQL and Beacon REST alike); larger ones get 413 PAYLOAD_TOO_LARGE.',
    default: '102400',
  },
  {
    env: 'HELIXGATE_GRAPHQL_MAX_ROOT_FIELDS',
    description:
      'Root fields (aliases included) one GraphQL operation may have; more are refused (QUERY_TOO_COMPLEX) before any resolver runs.',
    default: '20',
  },
  {
    env: 'HELIXGATE_GRAPHQL_MAX_DEPTH',
    description:
      'Deepest nesting of fields in one GraphQL operation (`{ a { b } }` is 2, fragments expanded); deeper ones are refused (QUERY_TOO_COMPLEX) before they run.',
    default: '20',
  },
  {
    env: 'HELIXGATE_GRAPHQL_MAX_COST',
    description:
      'Highest estimated cost of one GraphQL operation (1 per selected field, aliases and fragments expanded); costlier ones are refused (QUERY_TOO_COMPLEX) before they run.',
    default: '1000',
  },
  {
    env: 'HELIXGATE_TRUST_PROXY',
    description:
      'Proxies whose X-Forwarded-For names the client (anonymous callers are rate-limited per client address): false, a hop count, or a comma list of addresses/CIDRs/loopback. Never true.',
    default: 'false',
  },
  {
    env: 'HELIXGATE_NODE_ID',
    description: "This node's identifier (used in service-info, audit, federation).",
    default: 'helixgate-local',
  },
  {
    env: 'HELIXGATE_NODE_NAME',
    description: 'Human-readable name of this node.',
    default: 'Helixgate local node',
  },
  {
    env: 'HELIXGATE_POLICIES_DIR',
    description: 'Directory of policy files read at boot (roles, trusted issuers, privacy, peers).',
    default: '(the policies/ folder shipped with Helixgate)',
  },
  {
    env: 'HELIXGATE_ISSUER',
    description:
      "Issuer URL (`iss`) of the tokens and visas this node signs; set it to the node's public base URL. Its keys are served at /.well-known/jwks.json.",
    default: 'https://$HELIXGATE_NODE_ID.helixgate.invalid',
  },
  {
    env: 'HELIXGATE_AUDIENCE',
    description: 'Audience (`aud`) a bearer token must name to be accepted by this node.',
    default: '$HELIXGATE_ISSUER',
  },
  { env: 'LOG_LEVEL', description: 'pino log level.', default: 'info' },
  {
    env: 'LOG_FORMAT',
    description:
      'Log lines as JSON (`json`, for log shippers), readable single lines (`pretty`, pino-pretty), or `auto`: pretty when stdout is a terminal, JSON otherwise.',
    default: 'auto',
  },
  {
    env: 'NODE_ENV',
    description:
      "Node.js environment. The gateway sets `production` when it is unset, before any library loads: graphql-js then skips its per-call duplicate-module checks (measured: 2% of a GraphQL answer's CPU) and Express hides stack traces. Beacon `/info` and `/service-info` report it as the environment (`prod`, `test`, `dev`). `development` or `test` turn the checks back on.",
    default: 'production',
  },
  {
    env: 'HELIXGATE_GRAPHQL_PLAYGROUND',
    description: 'Serve GraphiQL (bundled with the console, no CDN) on GET /graphql for browsers.',
    default: 'false',
  },
  {
    env: 'HELIXGATE_AUDIT_CHECKPOINT_EVERY',
    description: 'Sign an audit checkpoint (JWS over head seq, head hash, count, time) every N events.',
    default: '1000',
  },
  {
    env: 'HELIXGATE_AUDIT_CHECKPOINT_SECONDS',
    description: 'Also sign an audit checkpoint after this many seconds when new events were written.',
    default: '60',
  },
  {
    env: 'HELIXGATE_AUDIT_SIGNING_KEY_FILE',
    description: 'ES256 private key (JWK, mode 0600) that signs audit checkpoints; created if absent.',
    default: '$HELIXGATE_DATA_DIR/audit-signing-key.json',
    secret: true,
  },
  {
    env: 'HELIXGATE_AUDIT_ALERT_BASELINE',
    description: 'Queries by one actor within the alert window above which the actor is flagged.',
    default: '500',
  },
  {
    env: 'HELIXGATE_AUDIT_ALERT_WINDOW_SECONDS',
    description: 'Window, in seconds, over which per-actor query volume is compared with the baseline.',
    default: '300',
  },
  {
    env: 'HELIXGATE_ACCESS_EXPIRY_SWEEP_SECONDS',
    description:
      'How often ended grants are looked for and recorded in the audit trail (access.expire, once each); the trail is also brought up to date before every read of it.',
    default: '60',
  },
  {
    env: 'HELIXGATE_DB_APP_ROLE',
    description:
      'PostgreSQL role the application connects as; migrations grant it only INSERT and SELECT on the audit tables.',
    default: '(unset)',
  },
  {
    env: 'HELIXGATE_FEDERATION_TIMEOUT_MS',
    description:
      'Deadline of a federated query: peers that have not answered by then are reported as timeout (a peer may set a shorter one).',
    default: '5000',
  },
  {
    env: 'HELIXGATE_MAX_TOKEN_LIFETIME_SECONDS',
    description:
      'Longest lifetime of a bearer token (passport, access token) this node accepts: both `exp - iat` and `exp - now` (30 s clock skew); a longer-lived one is refused (401 INVALID_TOKEN, reason lifetime_too_long). `tokens issue --ttl` is capped by it. At most 30 days.',
    default: '86400',
  },
  {
    env: 'HELIXGATE_MAX_VISA_LIFETIME_SECONDS',
    description:
      "Longest lifetime of a visa this node accepts (`exp - iat`, `exp - now`); a longer-lived visa is dropped. The default is a day over the longest grant (1095 days), whose ControlledAccessGrants visa lives until the grant's end.",
    default: '94694400',
  },
  {
    env: 'HELIXGATE_SESSION_HOURS',
    description:
      'Console sessions end this many hours after sign-in (the session cookie itself lives 10 minutes and is refreshed).',
    default: '12',
  },
  {
    env: 'HELIXGATE_CONSOLE_DIR',
    description: 'Built console (static files served at /console).',
    default: 'apps/console/dist',
  },
  {
    env: 'HELIXGATE_SMTP_URL',
    description:
      'SMTP server that notification e-mails are sent through (smtp:// or smtps://, credentials in the URL). Unset: no e-mail is queued.',
    default: '(unset: no e-mail)',
    secret: true,
  },
  {
    env: 'HELIXGATE_MAIL_FROM',
    description: 'Sender (From) of notification e-mails.',
    default: 'Helixgate <helixgate@localhost>',
  },
  {
    env: 'HELIXGATE_WEBHOOK_URLS',
    description:
      'Comma list of URLs that receive every notification event as a signed JSON POST (X-Helixgate-Webhook-Signature: HMAC-SHA256 over timestamp + body).',
    default: '(unset: no webhooks)',
  },
  {
    env: 'HELIXGATE_WEBHOOK_SECRET',
    description:
      'Shared secret (at least 32 characters) the webhook signatures are made with; required with HELIXGATE_WEBHOOK_URLS.',
    default: '(unset)',
    secret: true,
  },
  {
    env: 'HELIXGATE_NOTIFY_POLL_MS',
    description:
      'How often each gateway process looks for notification deliveries that are due, in milliseconds.',
    default: '5000',
  },
  {
    env: 'HELIXGATE_NOTIFY_MAX_ATTEMPTS',
    description:
      'Attempts at one delivery (e-mail or webhook) before it is dead-lettered (status DEAD, `helixgate notifications list --status DEAD`, retried by `notifications retry`).',
    default: '8',
  },
  {
    env: 'HELIXGATE_NOTIFY_BACKOFF_MS',
    description:
      'Wait after the first failed attempt of a delivery; doubled after each further failure (capped at 6 hours).',
    default: '30000',
  },
  {
    env: 'HELIXGATE_GRANT_REMINDER_DAYS',
    description:
      'Days before a grant ends at which its researcher is reminded (each reminder sent once per grant; a grant approved inside a window gets only the nearest one).',
    default: '30,7,1',
  },
];

/** The README's configuration table, rendered from CONFIG_DOCS (the README must contain it verbatim). */
export function renderConfigTable(): string {
  const rows = CONFIG_DOCS.map(
    (d) =>
      `| \`${d.env}\` | ${d.description.replaceAll('|', '\\|')} | ${d.default.startsWith('(') ? d.default : `\`${d.default}\``} | ${d.secret ? 'yes' : ''} |`,
  );
  return ['| variable | meaning | default | secret |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
