using System.IO;

namespace ModeScim.PowerShell.Journal
{
    /// <summary>The journal holds people's names and memberships: a journal file this module creates, and a folder
    /// it creates for one, are readable by their owner only. On Unix that is mode 0600 (0700 for the folder); on
    /// Windows it is a protected access list that names the current user alone, so nothing is inherited from a
    /// shared parent folder.</summary>
    internal static class OwnerOnly
    {
        private static bool IsUnix => Path.DirectorySeparatorChar == '/';

        public static void RestrictFile(string path)
        {
            if (IsUnix)
            {
                UnixPermissions.RestrictFile(path);
            }
            else
            {
                WindowsAccessList.GrantCurrentUserOnly(path, isDirectory: false);
            }
        }

        public static void RestrictDirectory(string path)
        {
            if (IsUnix)
            {
                UnixPermissions.RestrictDirectory(path);
            }
            else
            {
                WindowsAccessList.GrantCurrentUserOnly(path, isDirectory: true);
            }
        }
    }
}
