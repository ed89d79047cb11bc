using System;
using System.Globalization;

namespace ModeScim.PowerShell.Planning
{
    /// <summary>A guard's limit: a count ("25") or a share ("5%") of a whole. -MaxDisable (of the active users) stops
    /// an empty or truncated HR export from offboarding the company; -MaxUnresolved (of a group's desired
    /// members) stops a list of names that match nobody from emptying a group.</summary>
    internal sealed class GuardLimit
    {
        private readonly int? _count;
        private readonly double? _percent;

        private GuardLimit(int? count, double? percent)
        {
            _count = count;
            _percent = percent;
        }

        public static bool TryParse(string text, out GuardLimit limit, out string problem)
        {
            return TryParse(text, "MaxDisable", out limit, out problem);
        }

        /// <param name="parameter">The parameter the text came from, for the message.</param>
        public static bool TryParse(string text, string parameter, out GuardLimit limit, out string problem)
        {
            limit = new GuardLimit(null, null);
            problem = string.Empty;
            var trimmed = (text ?? string.Empty).Trim();
            if (trimmed.EndsWith("%", StringComparison.Ordinal))
            {
                if (double.TryParse(trimmed.Substring(0, trimmed.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture,
                    out var percent) && percent >= 0 && percent <= 100)
                {
                    limit = new GuardLimit(null, percent);
                    return true;
                }
            }
            else if (int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count >= 0)
            {
                limit = new GuardLimit(count, null);
                return true;
            }
            problem = "-" + parameter + " must be a count such as 25 or a percentage such as 5%, not '" + text + "'.";
            return false;
        }

        /// <summary>The most that may be affected out of <paramref name="whole"/>.</summary>
        public int Maximum(int whole)
        {
            return _count ?? (int)Math.Floor(whole * _percent!.Value / 100.0);
        }

        public override string ToString() => _count.HasValue ? _count.Value.ToString(CultureInfo.InvariantCulture)
            : _percent!.Value.ToString(CultureInfo.InvariantCulture) + "%";
    }
}
