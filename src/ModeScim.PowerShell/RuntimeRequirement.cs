using System;

namespace ModeScim.PowerShell
{
    /// <summary>Which PowerShell hosts the module runs on. Windows PowerShell 5.1 loads the module's own
    /// System.Text.Json; PowerShell 7 supplies its own, and before 7.4 that copy is older than the module needs,
    /// so the module would import and then fail at its first JSON call. Such a host is refused at import.</summary>
    internal static class RuntimeRequirement
    {
        public static readonly Version MinimumPowerShell = new Version(7, 4);

        /// <summary>Null when the module can run here; otherwise what to tell the user.</summary>
        /// <param name="powerShellVersion">The version of System.Management.Automation, which is the PowerShell
        /// version on PowerShell 7 (and 3.0 on Windows PowerShell, whatever its release).</param>
        public static string? Refusal(bool isNetFramework, Version powerShellVersion)
        {
            if (isNetFramework || powerShellVersion >= MinimumPowerShell)
            {
                return null;
            }
            return "ModeScim needs PowerShell " + MinimumPowerShell + " or later (or Windows PowerShell 5.1); this is PowerShell "
                + powerShellVersion.ToString(3) + ", whose System.Text.Json is older than the module's. Install PowerShell 7.4 or "
                + "later: https://aka.ms/powershell";
        }
    }
}
