using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;

namespace ModeScim.PowerShell.Models
{
    /// <summary>Attributes the module has no property for, by name (case-insensitive), in the server's order. As
    /// text (a CSV cell) it reads "name=value; extension.department=Finance" instead of a type name.</summary>
    public sealed class ModeAttributes : OrderedDictionary
    {
        public ModeAttributes()
            : base(StringComparer.OrdinalIgnoreCase)
        {
        }

        public override string ToString() => string.Join("; ", Flatten(string.Empty, this));

        private static IEnumerable<string> Flatten(string prefix, IDictionary values)
        {
            foreach (DictionaryEntry entry in values)
            {
                var name = prefix + entry.Key;
                if (entry.Value is IDictionary nested)
                {
                    foreach (var line in Flatten(name + ".", nested))
                    {
                        yield return line;
                    }
                }
                else
                {
                    yield return name + "=" + Text(entry.Value);
                }
            }
        }

        private static string Text(object? value)
        {
            switch (value)
            {
                case null:
                    return string.Empty;
                case string text:
                    return text;
                case bool flag:
                    return flag ? "true" : "false";
                case IFormattable formattable:
                    return formattable.ToString(null, CultureInfo.InvariantCulture);
                case IEnumerable items:
                    return string.Join(", ", items.Cast<object?>().Select(Text));
                default:
                    return value.ToString() ?? string.Empty;
            }
        }
    }
}
