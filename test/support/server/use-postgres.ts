// Jest setup for the "server (postgres)" project: the same server tests, on PostgreSQL.
process.env.TEST_DB = 'postgres';
