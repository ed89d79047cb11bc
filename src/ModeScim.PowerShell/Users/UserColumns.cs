using System.Linq;

namespace ModeScim.PowerShell.Users
{
    /// <summary>The one table of column and property names the module reads a user from, whatever exported it:
    /// Entra ID (Get-MgUser: UserPrincipalName, Mail, Surname, EmployeeId), Active Directory (Get-ADUser:
    /// UserPrincipalName, EmailAddress, Surname), Okta (login, email, firstName, lastName, employeeNumber), Google
    /// Workspace (primaryEmail, name.givenName; the admin console's "Email Address [Required]"), and HR files.
    /// Sync-ModeUser and Get-ModeAccessReport read rows with it; every cmdlet parameter that binds a user
    /// attribute by property name carries the same names as aliases (a test holds them equal). Order matters: the
    /// first name an object has wins, so a Mode userName comes before an email and an Entra object's own Id last.</summary>
    internal static class UserColumns
    {
        public static readonly string[] UserName = { "UserName", "UserPrincipalName", "Upn", "Login", "PrimaryEmail" };

        public static readonly string[] Email =
        {
            "Email", "Mail", "EmailAddress", "WorkEmail", "PrimarySmtpAddress", "Email Address [Required]", "Primary email", "Work Email",
        };

        public static readonly string[] GivenName = { "GivenName", "FirstName", "name.givenName", "First Name [Required]", "First name" };

        public static readonly string[] FamilyName =
        {
            "FamilyName", "LastName", "Surname", "Sn", "name.familyName", "Last Name [Required]", "Last name",
        };

        public static readonly string[] DisplayName = { "DisplayName", "Name", "FullName", "name.fullName" };

        public static readonly string[] ExternalId = { "ExternalId", "EmployeeId", "EmployeeNumber", "Employee ID", "Employee Number" };

        /// <summary>What names one user: a userName, else an email (Mode's userNames are email addresses), else a
        /// Mode id.</summary>
        public static readonly string[] Identity = UserName.Concat(Email).Concat(new[] { "Id" }).ToArray();
    }
}
