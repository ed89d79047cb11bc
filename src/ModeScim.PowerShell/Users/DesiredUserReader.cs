using System;
using System.Linq;
using System.Management.Automation;

namespace ModeScim.PowerShell.Users
{
    /// <summary>Reads a desired user from whatever object the source gives: an Import-Csv row, Get-ADUser
    /// output, an Entra export. Each attribute is taken from the first property, by any of the names in
    /// <see cref="UserColumns"/>, that has a value.</summary>
    internal static class DesiredUserReader
    {
        public static UserSpec Read(PSObject row)
        {
            var userName = FirstValue(row, UserColumns.UserName);
            var email = FirstValue(row, UserColumns.Email);
            return new UserSpec(string.IsNullOrWhiteSpace(userName) ? email : userName, email, FirstValue(row, UserColumns.GivenName),
                FirstValue(row, UserColumns.FamilyName), FirstValue(row, UserColumns.DisplayName), FirstValue(row, UserColumns.ExternalId));
        }

        /// <summary>The first property, by any of <paramref name="names"/> (case-insensitive, in their order), that has
        /// a value that is not blank; null when none has.</summary>
        public static string? FirstValue(PSObject row, string[] names)
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
