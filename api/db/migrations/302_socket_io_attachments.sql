-- Socket.IO across cluster nodes (@socket.io/postgres-adapter): payloads too large for NOTIFY travel through this table.
CREATE TABLE socket_io_attachments (
  id bigserial UNIQUE,
  created_at timestamptz DEFAULT now(),
  payload bytea
);
