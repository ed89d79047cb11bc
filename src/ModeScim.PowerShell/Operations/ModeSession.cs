using System;
using ModeScim.Client;
using ModeScim.Client.Memberships;
using ModeScim.Client.ModeApi;
using ModeScim.PowerShell.Errors;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>What one command run works with: the SCIM client, Mode's REST API when connected, and the reader of
    /// memberships (one per run: where they come from the group side, they are read once).</summary>
    internal sealed class ModeSession
    {
        private readonly object _membershipsLock = new object();
        private ScimMembershipReader? _memberships;
        private ModeAccountsRead? _accounts;

        public ModeSession(ScimClient client, ModeApiClient? api, Uri baseUri, int throttleLimit)
        {
            Client = client;
            Api = api;
            _accounts = api == null ? null : new ModeAccountsRead(api);
            BaseUri = baseUri;
            ThrottleLimit = throttleLimit;
        }

        public ScimClient Client { get; }

        public ModeApiClient? Api { get; }

        /// <summary>The workspace's accounts from Mode's REST API, read once for the whole command (null without the API):
        /// the handover, the lockout guard and the REST membership source all need them, before the first change.</summary>
        public ModeAccountsRead? Accounts
        {
            get
            {
                lock (_membershipsLock)
                {
                    return _accounts;
                }
            }
        }

        /// <summary>The SCIM base URI: journal records name the workspace by it.</summary>
        public Uri BaseUri { get; }

        /// <summary>The connection's -ThrottleLimit: how many requests may be in flight.</summary>
        public int ThrottleLimit { get; }

        /// <remarks>Made under a lock: concurrent work (each leaver read side by side) may ask first, and two readers would
        /// each read the group side.</remarks>
        public ScimMembershipReader Memberships
        {
            get
            {
                lock (_membershipsLock)
                {
                    return _memberships ??= new ScimMembershipReader(Client, _accounts);
                }
            }
        }

        /// <summary>Mode's REST API; refuses, before any request, when the connection was made without it.</summary>
        public ModeApiClient RequireApi(string feature) =>
            Api ?? throw new ModeScimRefusal(ErrorRecordFactory.RestApiNotConnected(feature));

        /// <summary>The workspace's accounts as this command reads them once; refuses, as RequireApi, without the API.</summary>
        public ModeAccountsRead RequireAccounts(string feature) =>
            Accounts ?? throw new ModeScimRefusal(ErrorRecordFactory.RestApiNotConnected(feature));

        /// <summary>Drops everything read of the workspace so far (the group side, the accounts), for a command that goes on
        /// after changes of its own: Invoke-ModePlan reads afresh for each plan, so a plan's lockout guard counts the admins
        /// the previous plan disabled as gone.</summary>
        public void ForgetWorkspaceReads()
        {
            lock (_membershipsLock)
            {
                _memberships = null;
                _accounts = Api == null ? null : new ModeAccountsRead(Api);
            }
        }

        /// <summary>Drops the group side read so far, for a command done with a whole workspace.</summary>
        public void ForgetMemberships()
        {
            lock (_membershipsLock)
            {
                _memberships = null;
            }
        }
    }
}
