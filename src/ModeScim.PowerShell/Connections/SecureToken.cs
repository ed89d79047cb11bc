using System;
using System.Runtime.InteropServices;
using System.Security;

namespace ModeScim.PowerShell.Connections
{
    /// <summary>Holds the bearer token encrypted in memory (where the platform supports it) and reveals it
    /// only for the moment a request header is built. Has no property and no ToString that shows it.</summary>
    internal sealed class SecureToken : IDisposable
    {
        private readonly SecureString _token;

        public SecureToken(SecureString token)
        {
            if (token == null || token.Length == 0)
            {
                throw new ArgumentException("The token is empty.", nameof(token));
            }
            _token = token.Copy();
            _token.MakeReadOnly();
        }

        public static SecureToken FromPlainText(string token)
        {
            using (var secure = new SecureString())
            {
                foreach (var c in token)
                {
                    secure.AppendChar(c);
                }
                return new SecureToken(secure);
            }
        }

        public string Reveal()
        {
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(_token);
                return Marshal.PtrToStringUni(pointer) ?? string.Empty;
            }
            finally
            {
                if (pointer != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                }
            }
        }

        /// <summary>True when the token holds a line break or another control character: such a token would split
        /// the Authorization header (or be refused by HttpClient with a message that could echo it).</summary>
        public bool HasControlCharacter()
        {
            var text = Reveal();
            foreach (var c in text)
            {
                if (char.IsControl(c))
                {
                    return true;
                }
            }
            return false;
        }

        public override string ToString() => "(token hidden)";

        public void Dispose()
        {
            _token.Dispose();
        }
    }
}
