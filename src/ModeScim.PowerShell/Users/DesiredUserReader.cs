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
        public static UserSpec Read(PSObject row) => Read(row, ColumnMapping.None);

        /// <param name="map">The admin's own column names, read before the table's.</param>
        public static UserSpec Read(PSObject row, ColumnMapping map)
        {
            // The row's properties are gathered once: each enumeration of PSObject.Properties builds its member
            // collection afresh, and a row is searched for some 30 column names.
            var properties = row.Properties.ToArray();
            var userName = FirstValue(properties, map.NamesFor("UserName", UserColumns.UserName));
            var email = FirstValue(properties, map.NamesFor("Email", UserColumns.Email));
            return new UserSpec(string.IsNullOrWhiteSpace(userName) ? email : userName, email,
                FirstValue(properties, map.NamesFor("GivenName", UserColumns.GivenName)),
                FirstValue(properties, map.NamesFor("FamilyName", UserColumns.FamilyName)),
                FirstValue(properties, map.NamesFor("DisplayName", UserColumns.DisplayName)),
                FirstValue(properties, map.NamesFor("ExternalId", UserColumns.ExternalId)))
            {
                Status = SourceStatus.Read(properties.Select(p => (p, Kind: map.StatusKindOf(p.Name))).Where(c => c.Kind != null)
                    .Select(c => (c.p.Name, c.Kind!.Value, SafeValue(c.p)?.ToString()))),
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

        // A header with a blank around it ("ExternalId ") is the same column, as status columns already are.
        private static PSPropertyInfo? Find(PSPropertyInfo[] properties, string name)
        {
            foreach (var property in properties)
            {
                if (string.Equals(property.Name.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase))
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
