using System;
using System.Collections.Generic;
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
            // The row's properties are gathered once: each enumeration of PSObject.Properties builds its member
            // collection afresh, and a row is searched for some 30 column names.
            var properties = row.Properties.ToArray();
            var userName = FirstValue(properties, UserColumns.UserName);
            var email = FirstValue(properties, UserColumns.Email);
            return new UserSpec(string.IsNullOrWhiteSpace(userName) ? email : userName, email,
                FirstValue(properties, UserColumns.GivenName), FirstValue(properties, UserColumns.FamilyName),
                FirstValue(properties, UserColumns.DisplayName), FirstValue(properties, UserColumns.ExternalId))
            {
                Status = SourceStatus.Read(properties.Where(p => StatusColumns.KindOf(p.Name) != null)
                    .Select(p => new KeyValuePair<string, string?>(p.Name, SafeValue(p)?.ToString()))),
            };
        }

        /// <summary>The first property, by any of <paramref name="names"/> (case-insensitive, in their order), that has
        /// a value that is not blank; null when none has.</summary>
        public static string? FirstValue(PSObject row, string[] names) => FirstValue(row.Properties.ToArray(), names);

        private static string? FirstValue(PSPropertyInfo[] properties, string[] names)
        {
            foreach (var name in names)
            {
                var property = Find(properties, name);
                var value = property == null ? null : SafeValue(property);
                if (value != null && !string.IsNullOrWhiteSpace(value.ToString()))
                {
                    return value.ToString();
                }
            }
            return null;
        }

        private static PSPropertyInfo? Find(PSPropertyInfo[] properties, string name)
        {
            foreach (var property in properties)
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return property;
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
