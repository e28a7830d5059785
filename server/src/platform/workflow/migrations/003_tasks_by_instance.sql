-- An instance's tasks: every step's answer (its open tasks), the instance view and "was I
-- involved" read them by instance. Without it they scanned every open task of the platform.
create index wf_tasks_instance on wf_tasks (instance_id, status);
