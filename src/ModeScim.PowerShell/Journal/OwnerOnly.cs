using System.IO;
using System.Runtime.InteropServices;

namespace ModeScim.PowerShell.Journal
{
    /// <summary>The journal holds people's names and memberships: on Unix a journal file this module creates is
    /// readable by its owner only (0600), and a folder it creates for it is too (0700). On Windows the default
    /// location is already in the user's own profile.</summary>
    internal static class OwnerOnly
    {
        private const uint FileMode = 0x180; // 0600
        private const uint DirectoryMode = 0x1C0; // 0700

        private static bool IsUnix => Path.DirectorySeparatorChar == '/';

        public static void RestrictFile(string path) => Restrict(path, FileMode);

        public static void RestrictDirectory(string path) => Restrict(path, DirectoryMode);

        private static void Restrict(string path, uint mode)
        {
            if (IsUnix && chmod(path, mode) != 0)
            {
                throw new IOException("Could not make '" + path + "' private to its owner (chmod failed with error " + Marshal.GetLastWin32Error() + ").");
            }
        }

        // The C library's own function and name. On Unix, .NET marshals an ANSI string as UTF-8, as paths are there.
        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern int chmod(string pathname, uint mode);
    }
}
