import { customType, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/org.schema';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** Attachments, stored in the database so one backup holds everything. Linked to one object. */
export const files = pgTable(
  'files',
  {
    id: serial('id').primaryKey(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: integer('uploaded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('files_object_idx').on(t.objectType, t.objectId)],
);
