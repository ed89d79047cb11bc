using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace ModeScim.PowerShell.Users
{
    /// <summary>The one table of column and property names the module reads a user from, whatever exported it:
    /// Entra ID (Get-MgUser: UserPrincipalName, Mail, Surname, EmployeeId), Active Directory (Get-ADUser:
    /// UserPrincipalName, EmailAddress, Surname), Okta (login, email, firstName, lastName, employeeNumber), Google
    /// Workspace (primaryEmail, name.givenName; the admin console's "Email Address [Required]"), the Entra admin
    /// center's older CSV ("First name", "Display name"), and HR files (Workday's "Legal First Name", "Worker ID").
    /// Sync-ModeUser and Get-ModeAccessReport read rows with it; every cmdlet parameter that binds a user
    /// attribute by property name carries the same names as aliases (a test holds them equal). Order matters: the
    /// first name an object has wins, so a Mode userName comes before an email and an Entra object's own Id last.</summary>
    internal static class UserColumns
    {
        public static readonly string[] UserName =
        {
            "UserName", "UserPrincipalName", "Upn", "Login", "PrimaryEmail", "User principal name",
        };

        public static readonly string[] Email =
        {
            "Email", "Mail", "EmailAddress", "WorkEmail", "PrimarySmtpAddress", "Email Address [Required]", "Primary email", "Work Email",
        };

        public static readonly string[] GivenName =
        {
            "GivenName", "FirstName", "name.givenName", "First Name [Required]", "First name", "Legal First Name",
        };

        public static readonly string[] FamilyName =
        {
            "FamilyName", "LastName", "Surname", "Sn", "name.familyName", "Last Name [Required]", "Last name", "Legal Last Name",
        };

        public static readonly string[] DisplayName = { "DisplayName", "Name", "FullName", "name.fullName", "Display name" };

        public static readonly string[] ExternalId =
        {
            "ExternalId", "EmployeeId", "EmployeeNumber", "Employee ID", "Employee Number", "Worker ID",
        };

        /// <summary>What names one user: a userName, else an email (Mode's userNames are email addresses), else a
        /// Mode id.</summary>
        public static readonly string[] Identity = UserName.Concat(Email).Concat(new[] { "Id" }).ToArray();

        /// <summary>Every name a user attribute or status is read from.</summary>
        public static IEnumerable<string> All => UserName.Concat(Email).Concat(GivenName).Concat(FamilyName).Concat(DisplayName)
            .Concat(ExternalId).Concat(StatusColumns.All);

        /// <summary>Where an error about columns sends the reader.</summary>
        public const string AcceptedHint = "The columns the module reads are listed in Get-Help about_ModeScim (COLUMN NAMES); map"
            + " others with -ColumnMap @{ 'Your column' = 'Email' }.";

        /// <summary>Whether the row has at least one column the module reads, by the table or the admin's map.</summary>
        public static bool ReadsAny(PSObject row, ColumnMapping map)
        {
            var names = new HashSet<string>(All, StringComparer.OrdinalIgnoreCase);
            return row.Properties.Any(p => names.Contains(p.Name.Trim()) || map.Reads(p.Name));
        }

        /// <summary>The row's column names (the first twelve), quoted, for errors: "'Worker ID', 'Legal First Name'".</summary>
        public static string Describe(PSObject row)
        {
            var names = row.Properties.Select(p => p.Name).Take(12).ToList();
            return names.Count == 0 ? "(none)" : string.Join(", ", names.Select(n => "'" + n + "'"));
        }

        /// <summary>Why rows gave no key, as Sync-ModeUser and Get-ModeAccessReport -Reference both say it.</summary>
        public static string NoKeyDetail(int rows, string key, string columns) =>
            " " + rows + " row(s) were given, but none has a " + key + "; the columns seen are: " + columns
            + ". Was the file read with the right -Delimiter? " + AcceptedHint;
    }
}
