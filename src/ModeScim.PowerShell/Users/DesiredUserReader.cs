using System;
using System.Linq;
using System.Management.Automation;

namespace ModeScim.PowerShell.Users
{
    /// <summary>Reads a desired user from whatever object the source gives: an Import-Csv row, Get-ADUser
    /// output, an Entra export. Each attribute is taken from the first property, by any of the names such
    /// sources use, that has a value.</summary>
    internal static class DesiredUserReader
    {
        private static readonly string[] UserNameNames = { "UserName", "UserPrincipalName", "Upn", "Login" };
        private static readonly string[] EmailNames = { "Email", "Mail", "EmailAddress", "WorkEmail", "PrimarySmtpAddress" };
        private static readonly string[] GivenNameNames = { "GivenName", "FirstName" };
        private static readonly string[] FamilyNameNames = { "FamilyName", "LastName", "Surname", "Sn" };
        private static readonly string[] DisplayNameNames = { "DisplayName", "Name" };
        private static readonly string[] ExternalIdNames = { "ExternalId", "EmployeeId", "EmployeeNumber" };

        public static UserSpec Read(PSObject row)
        {
            var userName = Value(row, UserNameNames);
            var email = Value(row, EmailNames);
            return new UserSpec(string.IsNullOrWhiteSpace(userName) ? email : userName, email, Value(row, GivenNameNames),
                Value(row, FamilyNameNames), Value(row, DisplayNameNames), Value(row, ExternalIdNames));
        }

        private static string? Value(PSObject row, string[] names)
        {
            foreach (var name in names)
            {
                var property = row.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                var value = property == null ? null : SafeValue(property);
                if (value != null && !string.IsNullOrWhiteSpace(value.ToString()))
                {
                    return value.ToString();
                }
            }
            return null;
        }

        // Some objects (AD results among them) have properties whose getters throw; such a property has no value.
        private static object? SafeValue(PSPropertyInfo property)
        {
            try
            {
                return property.Value;
            }
            catch (GetValueException)
            {
                return null;
            }
        }
    }
}
