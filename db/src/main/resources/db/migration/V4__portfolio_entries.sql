-- A portfolio whose subscription has expired takes no new entries; exits (selling what it holds) stay allowed.
alter table portfolios add column accepts_new_entries boolean not null default true;
