-- Schema as sqlgen's catalog sees it (no database involved).

CREATE TABLE public.tags (
    task_id bigint NOT NULL,
    tag text NOT NULL
);

CREATE TABLE public.tasks (
    id bigint NOT NULL,
    team text NOT NULL,
    title text NOT NULL,
    priority integer NOT NULL,
    done boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT tasks_pkey PRIMARY KEY (id)
);
