-- One service's database and login (deploy/sql/create-logins.sh sets the variables). Safe to run again: a new password is applied.
SET NOCOUNT ON;
IF DB_ID(N'$(PAYMENTS_DATABASE)') IS NULL
    CREATE DATABASE [$(PAYMENTS_DATABASE)];
GO
IF SUSER_ID(N'$(PAYMENTS_LOGIN)') IS NULL
    CREATE LOGIN [$(PAYMENTS_LOGIN)] WITH PASSWORD = N'$(PAYMENTS_PASSWORD)', DEFAULT_DATABASE = [$(PAYMENTS_DATABASE)], CHECK_POLICY = ON;
ELSE
    ALTER LOGIN [$(PAYMENTS_LOGIN)] WITH PASSWORD = N'$(PAYMENTS_PASSWORD)';
GO
USE [$(PAYMENTS_DATABASE)];
IF USER_ID(N'$(PAYMENTS_LOGIN)') IS NULL
    CREATE USER [$(PAYMENTS_LOGIN)] FOR LOGIN [$(PAYMENTS_LOGIN)];
-- 'read': another service's database the login only reads (the console's payout reports); otherwise the login's own database.
IF N'$(PAYMENTS_ACCESS)' = N'read'
    ALTER ROLE db_datareader ADD MEMBER [$(PAYMENTS_LOGIN)];
ELSE
BEGIN
    ALTER ROLE db_ddladmin ADD MEMBER [$(PAYMENTS_LOGIN)];
    ALTER ROLE db_datareader ADD MEMBER [$(PAYMENTS_LOGIN)];
    ALTER ROLE db_datawriter ADD MEMBER [$(PAYMENTS_LOGIN)];
END
GO
