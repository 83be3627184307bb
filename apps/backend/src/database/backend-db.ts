/** Table types of the backend's database (one interface per table, named as the table). */
export interface SchemaInfoTable {
  key: string;
  value: string;
  updated_at: Date;
}

export interface BackendDb {
  schema_info: SchemaInfoTable;
}
