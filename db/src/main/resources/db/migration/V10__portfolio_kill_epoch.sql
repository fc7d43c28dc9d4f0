-- Counts the portfolio's transitions to KILLED. A kill that moves a portfolio to KILLED raises it in the same
-- statement; the flatten of that kill is named after it, so that a repeated kill of the same epoch (a double click, a
-- kill-all right after a kill, a retried request) asks for the same flatten, which Temporal starts once.
alter table portfolios add column kill_epoch integer not null default 0;
