using System;
using ModeScim.Client.ModeApi;

namespace ModeScim.PowerShell.Connections
{
    /// <summary>Mode's REST API client with the token and secret it reveals per request; closed with the connection.</summary>
    internal sealed class ModeApiAccess : IDisposable
    {
        private readonly SecureToken _token;
        private readonly SecureToken _secret;

        public ModeApiAccess(ModeApiClient client, SecureToken token, SecureToken secret)
        {
            Client = client;
            _token = token;
            _secret = secret;
        }

        public ModeApiClient Client { get; }

        public void Dispose()
        {
            Client.Dispose();
            _token.Dispose();
            _secret.Dispose();
        }
    }
}
