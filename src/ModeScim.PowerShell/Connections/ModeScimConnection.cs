using System;
using System.Linq;
using ModeScim.Client;
using ModeScim.Client.Capabilities;
using ModeScim.Client.ModeApi;
using ModeScim.Client.Models;

using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Connections
{
    /// <summary>An open connection to one Mode workspace's SCIM API, with what the server said it supports.
    /// Never exposes the token.</summary>
    public sealed class ModeScimConnection : IDisposable
    {
        private readonly SecureToken _token;
        private readonly object _gate = new object();
        private bool _disposed;
        private bool _retired;
        private int _users;

        private readonly ModeApiAccess? _api;
        private readonly DateTime _connectedAt;

        internal ModeScimConnection(Uri baseUri, SecureToken token, ScimClient client, ScimDiscoveryResult discovery, int throttleLimit,
            ModeApiAccess? api = null)
        {
            _api = api;
            BaseUri = baseUri;
            _token = token;
            Client = client;
            var options = client.Options;
            var config = discovery.Config;
            Discovery = discovery.State;
            DiscoveryProblem = discovery.Problem;
            DiscoverySkipped = discovery.State == ScimDiscoveryState.Skipped;
            ConfigurationPublished = config != null;
            var effective = config ?? ServiceProviderConfig.AssumedDefault();
            BulkSupported = effective.Bulk.IsSupported;
            BulkMaxOperations = effective.Bulk.MaxOperations;
            FilterSupported = config == null || effective.Filter.IsSupported;
            FilterMaxResults = effective.Filter.MaxResults;
            EtagSupported = effective.Etag.IsSupported;
            SortSupported = effective.Sort.IsSupported;
            AuthenticationSchemes = effective.AuthenticationSchemes.Select(s => s.Type ?? s.Name ?? "unknown").ToModeList();
            MaxRetries = options.RetryPolicy.MaxRetries;
            TimeoutSec = (int)options.RequestTimeout.TotalSeconds;
            PageSize = options.PageSize;
            ThrottleLimit = throttleLimit;
            _connectedAt = DateTime.UtcNow;
        }

        public Uri BaseUri { get; }

        /// <summary>When Connect-ModeScim made it, in UTC; see <see cref="UtcTimestamp"/>.</summary>
        public UtcTimestamp ConnectedAt => _connectedAt;

        public bool IsOpen => !_disposed;

        /// <summary>False when the server published no ServiceProviderConfig and the capabilities are assumed.</summary>
        public bool ConfigurationPublished { get; }

        public bool DiscoverySkipped { get; }

        /// <summary>What reading ServiceProviderConfig gave: Published, Absent (404, as on servers built only for the
        /// IdPs), Broken (401, 5xx, an HTML page) or Skipped.</summary>
        public ScimDiscoveryState Discovery { get; }

        /// <summary>Why a broken discovery was set aside.</summary>
        public string? DiscoveryProblem { get; }

        /// <summary>False once the server is known to refuse PATCH on users (changes are then a PUT of the whole user).</summary>
        public bool PatchSupported => new ModeScim.Client.Updates.ScimUserUpdater(Client).UsesPatch;

        /// <summary>The rest of what the server offers, learned as the connection is used (Unknown until then).</summary>
        public ScimSupport OrFilter => Client.Capabilities[ScimCapability.OrFilter];

        public ScimSupport StartsWithFilter => Client.Capabilities[ScimCapability.StartsWithFilter];

        /// <summary>Whether the server takes <c>co</c>, which Get-ModeUser -Search sends.</summary>
        public ScimSupport ContainsFilter => Client.Capabilities[ScimCapability.ContainsFilter];

        public ScimSupport ValuePathFilter => Client.Capabilities[ScimCapability.ValuePathFilter];

        public ScimSupport FilterEscapes => Client.Capabilities[ScimCapability.FilterEscapes];

        public ScimSupport IdFilter => Client.Capabilities[ScimCapability.IdFilter];

        /// <summary>Whether the server takes <c>active eq</c>; learned apart from <see cref="EmailFilter"/>.</summary>
        public ScimSupport ActiveFilter => Client.Capabilities[ScimCapability.ActiveFilter];

        public ScimSupport EmailFilter => Client.Capabilities[ScimCapability.EmailFilter];

        /// <summary>Whether users come back with the names they store; Unsupported once a PATCH answer that set them lacked them.</summary>
        public ScimSupport UserNameShown => Client.Capabilities[ScimCapability.UserNameShown];

        public ScimSupport UserDisplayNameShown => Client.Capabilities[ScimCapability.UserDisplayNameShown];

        /// <summary>Supported when a user's "groups" was shown to match the group side; Unsupported when it is missing or untrue.</summary>
        public ScimSupport UserGroups => Client.Capabilities[ScimCapability.UserGroups];

        public ScimSupport GroupMembers => Client.Capabilities[ScimCapability.GroupMembers];

        public ScimSupport UserPatch => Client.Capabilities[ScimCapability.UserPatch];

        public ScimSupport PatchValuePaths => Client.Capabilities[ScimCapability.PatchValuePaths];

        /// <summary>Whether listings and lookups of users carry "groups"; where not, a leaver's groups are read by id.</summary>
        public ScimSupport UserGroupsInLists => Client.Capabilities[ScimCapability.UserGroupsInLists];

        public ScimSupport UserGroupsInFilters => Client.Capabilities[ScimCapability.UserGroupsInFilters];

        /// <summary>Whether /Groups answers "does this group hold this user" (the membership check Entra sends).</summary>
        public ScimSupport GroupIdMemberFilter => Client.Capabilities[ScimCapability.GroupIdMemberFilter];

        /// <summary>Supported once the server was seen to apply <c>active</c> only in the pathless form Okta sends.</summary>
        public ScimSupport PathlessActive => Client.Capabilities[ScimCapability.PathlessActive];

        public bool BulkSupported { get; }

        public int? BulkMaxOperations { get; }

        /// <summary>The most operations the server accepts in one request, where it says (bulk.maxOperations);
        /// member batches never exceed it.</summary>
        public int? MaxOperationsPerRequest => BulkMaxOperations > 0 ? BulkMaxOperations : null;

        public bool FilterSupported { get; }

        public int? FilterMaxResults { get; }

        public bool EtagSupported { get; }

        public bool SortSupported { get; }

        public ModeList<string> AuthenticationSchemes { get; }

        public int MaxRetries { get; }

        public int TimeoutSec { get; }

        public int PageSize { get; }

        public int ThrottleLimit { get; }

        /// <summary>True when Mode's REST API was connected too (-Workspace, -ApiToken, -ApiSecret).</summary>
        public bool RestApiConnected => _api != null;

        /// <summary>The workspace the REST API is used for.</summary>
        public string? Workspace => _api?.Client.Workspace;

        public Uri? ApiBaseUri => _api?.Client.Options.ApiBaseUri;

        /// <summary>Whether the workspace serves the full memberships list (with managed_by_scim), learned on first use;
        /// Unsupported without the REST API.</summary>
        public ScimSupport RestMemberships => _api?.Client.FullMemberships ?? ScimSupport.Unsupported;

        /// <summary>Whether the Enterprise Discovery API (last engaged day) is open to these credentials, learned on
        /// first use; Unsupported without the REST API.</summary>
        public ScimSupport DiscoveryApi => _api?.Client.DiscoveryApi ?? ScimSupport.Unsupported;

        /// <summary>Which APIs this connection can use: SCIM always; REST and Discovery as connected and learned.</summary>
        public ModeList<string> UsableApis
        {
            get
            {
                var apis = new System.Collections.Generic.List<string> { "SCIM" };
                if (_api != null)
                {
                    apis.Add("REST");
                    apis.Add(DiscoveryApi == ScimSupport.Supported ? "Discovery"
                        : DiscoveryApi == ScimSupport.Unknown ? "Discovery (not tried yet)" : "Discovery (refused)");
                }
                return apis.ToModeList();
            }
        }

        internal ScimClient Client { get; }

        /// <summary>Mode's REST API client, or null when only SCIM was connected.</summary>
        internal ModeApiClient? Api => _api?.Client;

        /// <summary>Set when the caller took the connection with -PassThru: it may be used with -Connection
        /// after another Connect-ModeScim, so replacing it as the current one must not close it.</summary>
        internal bool HeldByCaller { get; set; }

        public override string ToString() => BaseUri.AbsoluteUri;

        /// <summary>Marks the start of a command using the connection; false when it is already closed.</summary>
        internal bool TryAcquire()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return false;
                }
                _users++;
                return true;
            }
        }

        /// <summary>Marks the end of a command; a retired connection closes once no command uses it.</summary>
        internal void Release()
        {
            bool close;
            lock (_gate)
            {
                _users--;
                close = _retired && _users == 0;
            }
            if (close)
            {
                Dispose();
            }
        }

        /// <summary>No longer current: closes now if idle, else when the last command using it (in another runspace,
        /// say) ends. A connection is never closed under a command that is using it.</summary>
        internal void Retire()
        {
            bool close;
            lock (_gate)
            {
                _retired = true;
                close = _users == 0;
            }
            if (close)
            {
                Dispose();
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }
                _disposed = true;
            }
            Client.Dispose();
            _token.Dispose();
            _api?.Dispose();
        }
    }
}
