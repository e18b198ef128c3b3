import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL only, and only when HELIXGATE_DB_APP_ROLE names an existing role (the role the gateway logs in
 * as, distinct from the migration owner): that role may only INSERT and SELECT on the audit tables, so
 * UPDATE, DELETE and TRUNCATE are refused by privileges as well as by the triggers. Read from the
 * environment because migrations run before (and without) the Nest configuration.
 */
export class AuditAppRole1764520000001 implements MigrationInterface {
  name = 'AuditAppRole1764520000001';

  private async role(q: QueryRunner): Promise<string | null> {
    const role = process.env.HELIXGATE_DB_APP_ROLE;
    if (!role) return null;
    const rows = (await q.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role])) as unknown[];
    if (rows.length === 0) throw new Error(`HELIXGATE_DB_APP_ROLE: role "${role}" does not exist`);
    return role;
  }

  async up(q: QueryRunner): Promise<void> {
    const role = await this.role(q);
    if (!role) return;
    const ident = `"${role.replace(/"/g, '""')}"`;
    await q.query(`REVOKE ALL ON audit_event, audit_checkpoint FROM ${ident}`);
    await q.query(`GRANT SELECT, INSERT ON audit_event, audit_checkpoint TO ${ident}`);
  }

  async down(q: QueryRunner): Promise<void> {
    const role = await this.role(q);
    if (!role) return;
    const ident = `"${role.replace(/"/g, '""')}"`;
    await q.query(`REVOKE ALL ON audit_event, audit_checkpoint FROM ${ident}`);
  }
}
