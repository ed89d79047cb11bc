using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace ModeScim.PowerShell.Logging
{
    /// <summary>What a command's common parameters, else the caller's preference variables, say about its output.</summary>
    internal static class CommandPreferences
    {
        /// <summary>-Debug was given: PowerShell would make each debug, verbose and warning line a question.</summary>
        public static bool DebugSwitch(IDictionary<string, object> bound) =>
            bound.TryGetValue("Debug", out var debug) && LanguagePrimitives.IsTrue(debug);

        /// <summary>Debug lines are shown: -Debug, or $DebugPreference other than SilentlyContinue.</summary>
        public static bool DebugShown(IDictionary<string, object> bound, object? debugPreference)
        {
            if (DebugSwitch(bound))
            {
                return true;
            }
            return debugPreference is ActionPreference action ? action != ActionPreference.SilentlyContinue : debugPreference != null
                && !string.Equals(debugPreference.ToString(), "SilentlyContinue", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>True when a non-terminating error will be shown: -ErrorAction, else $ErrorActionPreference, is Continue or
        /// Inquire. Stop is left out: the error then becomes the caller's exception, caught or not.</summary>
        public static bool ErrorReachesTheLog(IDictionary<string, object> bound, object? errorActionPreference)
        {
            var preference = bound.TryGetValue("ErrorAction", out var given) ? given : errorActionPreference;
            if (!(preference is ActionPreference action) && !Enum.TryParse(preference?.ToString(), true, out action))
            {
                action = ActionPreference.Continue;
            }
            return action == ActionPreference.Continue || action == ActionPreference.Inquire;
        }

        /// <summary>-WhatIf, or $WhatIfPreference: the run only says what it would do.</summary>
        public static bool WhatIf(IDictionary<string, object> bound, object? whatIfPreference)
        {
            if (bound.TryGetValue("WhatIf", out var value) && value is SwitchParameter flag)
            {
                return flag.IsPresent;
            }
            return LanguagePrimitives.IsTrue(whatIfPreference);
        }
    }
}
