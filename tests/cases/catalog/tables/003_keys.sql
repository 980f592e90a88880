-- +goose Up
CREATE TABLE app.users (
  id bigserial PRIMARY KEY,
  small_id smallserial,
  email text NOT NULL UNIQUE,
  name varchar(80) NOT NULL DEFAULT '',
  nick text NULL,
  age int CHECK (age > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE "Tenant"."Accounts" (
  "Id" serial,
  "DisplayName" text,
  owner_id bigint REFERENCES app.users (id) ON DELETE CASCADE,
  PRIMARY KEY ("Id")
);
CREATE TABLE app.memberships (
  user_id bigint NOT NULL REFERENCES app.users,
  account_id int NOT NULL,
  role text NOT NULL DEFAULT 'member',
  CONSTRAINT memberships_pk PRIMARY KEY (user_id, account_id),
  CONSTRAINT memberships_account_fk FOREIGN KEY (account_id) REFERENCES "Tenant"."Accounts" ("Id"),
  UNIQUE (account_id, role),
  CHECK (role <> '')
);
CREATE TABLE IF NOT EXISTS app.users (id int);
CREATE TABLE app.tree (id int PRIMARY KEY, parent_id int REFERENCES app.tree (id));
-- +goose Down
DROP TABLE app.tree, app.memberships, "Tenant"."Accounts", app.users;
