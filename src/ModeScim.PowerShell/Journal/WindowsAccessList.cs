using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace ModeScim.PowerShell.Journal
{
    /// <summary>Gives a file or folder a protected access list with one entry: full control for the user this
    /// process runs as. Protected means nothing is inherited from the parent, so a journal under a shared folder is
    /// still private. Written against the Win32 security API directly: netstandard2.0 has no managed access-list
    /// types without a package, and a package would be one more DLL for the 5.1 resolver to serve.</summary>
    internal static class WindowsAccessList
    {
        private const uint TokenQuery = 0x0008;
        private const int TokenUserClass = 1;
        private const uint SddlRevision1 = 1;
        private const int FileObject = 1;
        private const uint DaclSecurityInformation = 0x00000004;
        private const uint ProtectedDaclSecurityInformation = 0x80000000;

        public static void GrantCurrentUserOnly(string path, bool isDirectory)
        {
            var userSid = CurrentUserSid();
            // "P" protects the list from inheritance; for a folder, OI and CI let files created in it inherit the entry.
            var sddl = "D:P(A;" + (isDirectory ? "OICI" : string.Empty) + ";FA;;;" + userSid + ")";
            if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, SddlRevision1, out var descriptor, out _))
            {
                throw Failure(path, Marshal.GetLastWin32Error());
            }
            try
            {
                if (!GetSecurityDescriptorDacl(descriptor, out _, out var accessList, out _))
                {
                    throw Failure(path, Marshal.GetLastWin32Error());
                }
                var status = SetNamedSecurityInfoW(path, FileObject, DaclSecurityInformation | ProtectedDaclSecurityInformation,
                    IntPtr.Zero, IntPtr.Zero, accessList, IntPtr.Zero);
                if (status != 0)
                {
                    throw Failure(path, (int)status);
                }
            }
            finally
            {
                LocalFree(descriptor);
            }
        }

        private static string CurrentUserSid()
        {
            if (!OpenProcessToken(GetCurrentProcess(), TokenQuery, out var token))
            {
                throw new IOException("Could not read the current user's identity: "
                    + new Win32Exception(Marshal.GetLastWin32Error()).Message);
            }
            try
            {
                GetTokenInformation(token, TokenUserClass, IntPtr.Zero, 0, out var length);
                var buffer = Marshal.AllocHGlobal(length);
                try
                {
                    if (!GetTokenInformation(token, TokenUserClass, buffer, length, out _))
                    {
                        throw new IOException("Could not read the current user's identity: "
                            + new Win32Exception(Marshal.GetLastWin32Error()).Message);
                    }
                    // TOKEN_USER starts with a SID_AND_ATTRIBUTES whose first field is the SID pointer.
                    var sid = Marshal.ReadIntPtr(buffer);
                    if (!ConvertSidToStringSidW(sid, out var text))
                    {
                        throw new IOException("Could not read the current user's identity: "
                            + new Win32Exception(Marshal.GetLastWin32Error()).Message);
                    }
                    try
                    {
                        return Marshal.PtrToStringUni(text) ?? throw new IOException("The current user's identity could not be read.");
                    }
                    finally
                    {
                        LocalFree(text);
                    }
                }
                finally
                {
                    Marshal.FreeHGlobal(buffer);
                }
            }
            finally
            {
                CloseHandle(token);
            }
        }

        private static IOException Failure(string path, int error) =>
            new IOException("Could not make '" + path + "' private to its owner: " + new Win32Exception(error).Message);

        [DllImport("kernel32.dll")]
        private static extern IntPtr GetCurrentProcess();

        [DllImport("kernel32.dll", SetLastError = true)]
        private static extern bool CloseHandle(IntPtr handle);

        [DllImport("kernel32.dll")]
        private static extern IntPtr LocalFree(IntPtr memory);

        [DllImport("advapi32.dll", SetLastError = true)]
        private static extern bool OpenProcessToken(IntPtr process, uint desiredAccess, out IntPtr token);

        [DllImport("advapi32.dll", SetLastError = true)]
        private static extern bool GetTokenInformation(IntPtr token, int informationClass, IntPtr information, int length,
            out int returnLength);

        [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
        private static extern bool ConvertSidToStringSidW(IntPtr sid, out IntPtr text);

        [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
        private static extern bool ConvertStringSecurityDescriptorToSecurityDescriptorW(string text, uint revision,
            out IntPtr descriptor, out uint size);

        [DllImport("advapi32.dll", SetLastError = true)]
        private static extern bool GetSecurityDescriptorDacl(IntPtr descriptor, out bool present, out IntPtr accessList,
            out bool defaulted);

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
        private static extern uint SetNamedSecurityInfoW(string name, int objectType, uint securityInformation,
            IntPtr owner, IntPtr group, IntPtr accessList, IntPtr systemAccessList);
    }
}
