using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Http;

namespace ModeScim.Client.ModeApi
{
    /// <summary>A typed client for Mode's REST API (and its Enterprise Discovery API) beside the SCIM one: HAL
    /// reading, HTTP Basic that reveals the secret only while a request is built, paging that survives Mode's
    /// quirks, 429 with backoff, and the SCIM client's error model (<see cref="ScimException"/>) and request log.
    /// What a workspace serves is learned, not assumed: the full memberships list (reported to 404 for some
    /// workspaces), the lite one, and the Discovery API.</summary>
    public sealed class ModeApiClient : IDisposable
    {
        private readonly ScimTransport _transport;
        private readonly ModeApiPager _pager;
        private readonly string _workspacePath;
        private readonly string _batchPath;
        private int _fullMemberships;
        private int _liteMemberships;
        private int _discovery;

        /// <param name="clock">What the pacer reads the time from; the system clock when null.</param>
        public ModeApiClient(ModeApiClientOptions options, HttpMessageHandler? handler = null,
            Func<TimeSpan, CancellationToken, Task>? delay = null, Func<DateTimeOffset>? clock = null)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            _transport = new ScimTransport(options.ToTransportOptions(), handler, delay, TransportDialect.ModeRest(BasicHeader),
                wait => options.RateLimit > 0 ? new RequestPacer(options.RateLimit, options.RateWindow, clock, wait) : null);
            _pager = new ModeApiPager(_transport, options.PageSize, options.MaxListPages);
            _workspacePath = Uri.EscapeDataString(options.Workspace) + "/";
            _batchPath = "../batch/" + Uri.EscapeDataString(options.Workspace) + "/";
        }

        public ModeApiClientOptions Options { get; }

        public string Workspace => Options.Workspace;

        /// <summary>Whether <c>/memberships</c> is served (it has managed_by_scim); learned on first use.</summary>
        public ScimSupport FullMemberships => (ScimSupport)Volatile.Read(ref _fullMemberships);

        /// <summary>Whether <c>/memberships/lite</c> is served (it has the emails).</summary>
        public ScimSupport LiteMemberships => (ScimSupport)Volatile.Read(ref _liteMemberships);

        /// <summary>Whether these credentials may use the Discovery API (Enterprise plan, an admin's token).</summary>
        public ScimSupport DiscoveryApi => (ScimSupport)Volatile.Read(ref _discovery);

        /// <summary>Checks the credentials: <c>GET /api/verify</c>.</summary>
        public async Task VerifyAsync(CancellationToken cancellationToken)
        {
            await _transport.SendAsync(new ScimRequest(HttpMethod.Get, "verify", null, true), cancellationToken).NoContext();
        }

        /// <summary>Every member of the workspace, from the full list where served and the lite one (or each account)
        /// for the emails the full list does not carry.</summary>
        public Task<IReadOnlyList<ModeWorkspaceAccount>> ReadAccountsAsync(CancellationToken cancellationToken) =>
            ReadAccountsAsync(null, cancellationToken);

        /// <param name="engagement">The Discovery API's members where already read: an email it names spares the request
        /// for that account, which matters where the lite list is not served (one request per account against a limit of
        /// about 40 per 10 seconds).</param>
        public async Task<IReadOnlyList<ModeWorkspaceAccount>> ReadAccountsAsync(IReadOnlyList<ModeEngagement>? engagement,
            CancellationToken cancellationToken)
        {
            var full = FullMemberships == ScimSupport.Unsupported ? null
                : await TryListAsync<ModeMembership>(_workspacePath + "memberships", "memberships", m => m.MembershipToken ?? m.MemberToken,
                    cancellationToken).NoContext();
            var lite = LiteMemberships == ScimSupport.Unsupported ? null
                : await TryListAsync<ModeMembership>(_workspacePath + "memberships/lite", "memberships", m => m.MemberToken ?? m.Username,
                    cancellationToken).NoContext();
            if (full == null && lite == null)
            {
                throw new ScimException(ScimErrorKind.NotFound, "GET", _workspacePath + "memberships", 404, null,
                    "the workspace serves neither memberships nor memberships/lite; check the workspace name");
            }
            var accounts = full != null ? Join(full, lite) : lite!.Select(FromMembership).ToList();
            FillEmails(accounts, engagement);
            var withoutEmail = accounts.Where(a => a.Email == null && a.Username.Length > 0).ToList();
            var emails = await Task.WhenAll(withoutEmail.Select(a => GetAccountAsync(a.Username, cancellationToken))).NoContext();
            for (var i = 0; i < withoutEmail.Count; i++)
            {
                withoutEmail[i].Email = emails[i].Email;
                withoutEmail[i].Name ??= emails[i].Name;
            }
            return accounts;
        }

        /// <summary><c>GET /api/account</c>: the account these credentials belong to. Mode's reference shows a person's
        /// account (<c>user</c> true); what it answers for a workspace token is not documented (see docs/mode-api.md).</summary>
        public async Task<ModeAccountResource> GetCredentialAccountAsync(CancellationToken cancellationToken)
        {
            const string path = "account";
            var response = await _transport.SendAsync(new ScimRequest(HttpMethod.Get, path, null, true), cancellationToken)
                .NoContext();
            return response.Read<ModeAccountResource>("GET", path);
        }

        /// <summary><c>GET /api/{username}</c>: the account, with its email.</summary>
        public async Task<ModeAccountResource> GetAccountAsync(string username, CancellationToken cancellationToken)
        {
            var path = Uri.EscapeDataString(username);
            var response = await _transport.SendAsync(new ScimRequest(HttpMethod.Get, path, null, true), cancellationToken)
                .NoContext();
            return response.Read<ModeAccountResource>("GET", path);
        }

        /// <summary>Each member's engagement from the Discovery API; null when these credentials may not use it
        /// (401, 403 or 404 on the signature token), which is learned.</summary>
        public async Task<IReadOnlyList<ModeEngagement>?> ReadEngagementAsync(CancellationToken cancellationToken)
        {
            if (DiscoveryApi == ScimSupport.Unsupported)
            {
                return null;
            }
            ModeSignatureToken token;
            try
            {
                token = await CreateSignatureTokenAsync(cancellationToken).NoContext();
            }
            catch (ScimException ex) when (ex.StatusCode == 401 || ex.StatusCode == 403 || ex.StatusCode == 404)
            {
                Volatile.Write(ref _discovery, (int)ScimSupport.Unsupported);
                return null;
            }
            Volatile.Write(ref _discovery, (int)ScimSupport.Supported);
            var bearer = Convert.ToBase64String(Encoding.UTF8.GetBytes(token.Token + ":" + token.AccessKey + ":" + token.AccessSecret));
            var members = new List<ModeEngagement>();
            // The Discovery API's list is not HAL: rows in "members", and a next_page link only where it gives one.
            await foreach (var page in _pager.ReadAsync(_batchPath + "members", 1000, r => r.MemberToken ?? r.Email ?? r.Username,
                () => new AuthenticationHeaderValue("Bearer", bearer), (response, path) =>
                {
                    var parsed = response.Read<ModeEngagementPage>("GET", path);
                    return new ListPage<ModeEngagement>(parsed.Members ?? new List<ModeEngagement>(),
                        parsed.LinkOf("next_page") != null ? true : (bool?)null);
                }, cancellationToken).NoContext())
            {
                members.AddRange(page);
            }
            return members;
        }

        /// <summary>The workspace's groups; with <paramref name="memberUsername"/>, only those that hold that member.</summary>
        public Task<IReadOnlyList<ModeApiGroup>> ListGroupsAsync(string? memberUsername, CancellationToken cancellationToken) =>
            ListAllAsync<ModeApiGroup>(_workspacePath + "groups" + (memberUsername == null ? string.Empty
                : "?member=" + Uri.EscapeDataString(memberUsername)), "groups", g => g.Token, cancellationToken);

        /// <summary>The members of one group.</summary>
        public Task<IReadOnlyList<ModeApiGroupMember>> ListGroupMembersAsync(string groupToken, CancellationToken cancellationToken) =>
            ListAllAsync<ModeApiGroupMember>(_workspacePath + "groups/" + Uri.EscapeDataString(groupToken) + "/memberships",
                "group_memberships", m => m.MemberToken ?? m.MemberUsername, cancellationToken);

        /// <summary>Every collection, other people's personal ones included (<c>filter=all</c>).</summary>
        public Task<IReadOnlyList<ModeSpace>> ListSpacesAsync(CancellationToken cancellationToken) =>
            ListAllAsync<ModeSpace>(_workspacePath + "spaces?filter=all", "spaces", s => s.Token, cancellationToken);

        /// <summary>The collections page by page, for a caller that stops early (tab completion).</summary>
        public IAsyncEnumerable<IReadOnlyList<ModeSpace>> ListSpacePagesAsync(CancellationToken cancellationToken) =>
            _pager.ListAsync<ModeSpace>(_workspacePath + "spaces?filter=all", "spaces", s => s.Token, cancellationToken);

        public Task<IReadOnlyList<ModeReport>> ListReportsAsync(string spaceToken, CancellationToken cancellationToken) =>
            ListAllAsync<ModeReport>(SpacePath(spaceToken) + "/reports", "reports", r => r.Token, cancellationToken);

        public Task<IReadOnlyList<ModePermission>> ListPermissionsAsync(string spaceToken, CancellationToken cancellationToken) =>
            ListAllAsync<ModePermission>(SpacePath(spaceToken) + "/permissions", "permissions", p => p.Token, cancellationToken);

        /// <summary>Grants an account or a group view or edit access on a collection. A POST: retried only where the
        /// server refused it unread (429, 503), so a grant is never sent twice after it may have been applied.</summary>
        public async Task<ModePermission> GrantAsync(string spaceToken, string action, string accessorType, string accessorToken,
            CancellationToken cancellationToken)
        {
            var path = SpacePath(spaceToken) + "/permissions";
            var body = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["permission"] = new Dictionary<string, string>
                {
                    ["action"] = action,
                    ["accessor_type"] = accessorType,
                    ["accessor_token"] = accessorToken,
                },
            });
            var response = await _transport.SendAsync(new ScimRequest(HttpMethod.Post, path, body, false), cancellationToken)
                .NoContext();
            return response.Read<ModePermission>("POST", path);
        }

        public async Task RevokeAsync(string spaceToken, string permissionToken, CancellationToken cancellationToken)
        {
            var path = SpacePath(spaceToken) + "/permissions/" + Uri.EscapeDataString(permissionToken);
            await _transport.SendAsync(new ScimRequest(HttpMethod.Delete, path, null, true), cancellationToken).NoContext();
        }

        /// <summary>Moves a report into another collection. Moving to the same place twice changes nothing, so it is
        /// safe to repeat.</summary>
        public async Task<ModeReport> MoveReportAsync(string reportToken, string spaceToken, CancellationToken cancellationToken)
        {
            var path = _workspacePath + "reports/" + Uri.EscapeDataString(reportToken);
            var body = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["report"] = new Dictionary<string, string> { ["space_token"] = spaceToken },
            });
            var response = await _transport.SendAsync(new ScimRequest(new HttpMethod("PATCH"), path, body, true), cancellationToken)
                .NoContext();
            return response.Read<ModeReport>("PATCH", path);
        }

        public void Dispose()
        {
            _transport.Dispose();
        }

        private string SpacePath(string spaceToken) => _workspacePath + "spaces/" + Uri.EscapeDataString(spaceToken);

        private async Task<IReadOnlyList<T>> ListAllAsync<T>(string path, string key, Func<T, string?> identity,
            CancellationToken cancellationToken)
        {
            var all = new List<T>();
            await foreach (var page in _pager.ListAsync(path, key, identity, cancellationToken).NoContext())
            {
                all.AddRange(page);
            }
            return all;
        }

        // A 404 on a memberships list says the workspace does not serve it: learned, and null instead of an error.
        private async Task<IReadOnlyList<T>?> TryListAsync<T>(string path, string key, Func<T, string?> identity,
            CancellationToken cancellationToken)
        {
            try
            {
                var all = await ListAllAsync(path, key, identity, cancellationToken).NoContext();
                LearnList(path, true);
                return all;
            }
            catch (ScimException ex) when (ex.StatusCode == 404)
            {
                LearnList(path, false);
                return null;
            }
        }

        private void LearnList(string path, bool served)
        {
            var value = (int)(served ? ScimSupport.Supported : ScimSupport.Unsupported);
            if (path.EndsWith("/lite", StringComparison.Ordinal))
            {
                Volatile.Write(ref _liteMemberships, value);
            }
            else
            {
                Volatile.Write(ref _fullMemberships, value);
            }
        }

        private async Task<ModeSignatureToken> CreateSignatureTokenAsync(CancellationToken cancellationToken)
        {
            var path = _batchPath + "signature_tokens";
            var now = DateTimeOffset.UtcNow;
            var body = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["signature_token"] = new Dictionary<string, object>
                {
                    ["name"] = "modescim-" + now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
                    ["expires_at"] = now.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture),
                    ["auth_scope"] = new Dictionary<string, string>
                    {
                        ["authentication_for"] = "batch-api",
                        ["authorization_type"] = "read-only",
                    },
                },
            });
            var response = await _transport.SendAsync(new ScimRequest(HttpMethod.Post, path, body, false), cancellationToken)
                .NoContext();
            var token = response.Read<ModeSignatureToken>("POST", path);
            if (string.IsNullOrEmpty(token.Token) || string.IsNullOrEmpty(token.AccessKey) || string.IsNullOrEmpty(token.AccessSecret))
            {
                throw new ScimException(ScimErrorKind.InvalidResponse, "POST", path, response.StatusCode, null,
                    "the signature token lacks its token, access_key or access_secret");
            }
            return token;
        }

        private AuthenticationHeaderValue BasicHeader()
        {
            var credentials = Options.Credentials();
            return new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.Token + ":" + credentials.Secret)));
        }

        private static void FillEmails(IReadOnlyList<ModeWorkspaceAccount> accounts, IReadOnlyList<ModeEngagement>? engagement)
        {
            if (engagement == null)
            {
                return;
            }
            var byToken = engagement.Where(e => e.MemberToken != null && e.Email != null)
                .GroupBy(e => e.MemberToken!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Email, StringComparer.Ordinal);
            var byUsername = engagement.Where(e => e.Username != null && e.Email != null)
                .GroupBy(e => e.Username!, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().Email, StringComparer.OrdinalIgnoreCase);
            foreach (var account in accounts.Where(a => a.Email == null))
            {
                account.Email = account.MemberToken != null && byToken.TryGetValue(account.MemberToken, out var email) ? email
                    : account.Username.Length > 0 && byUsername.TryGetValue(account.Username, out var named) ? named : null;
            }
        }

        private static List<ModeWorkspaceAccount> Join(IReadOnlyList<ModeMembership> full, IReadOnlyList<ModeMembership>? lite)
        {
            var byToken = new Dictionary<string, ModeMembership>(StringComparer.Ordinal);
            var byUsername = new Dictionary<string, ModeMembership>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in lite ?? Array.Empty<ModeMembership>())
            {
                if (row.MemberToken != null)
                {
                    byToken[row.MemberToken] = row;
                }
                if (row.Username != null)
                {
                    byUsername[row.Username] = row;
                }
            }
            return full.Select(membership =>
            {
                var account = FromMembership(membership);
                var match = membership.MemberToken != null && byToken.TryGetValue(membership.MemberToken, out var found) ? found
                    : account.Username.Length > 0 && byUsername.TryGetValue(account.Username, out var named) ? named : null;
                if (match != null)
                {
                    account.Email = match.Email;
                    account.Name ??= match.Name;
                    account.Admin ??= match.Admin;
                }
                return account;
            }).ToList();
        }

        private static ModeWorkspaceAccount FromMembership(ModeMembership membership)
        {
            var state = membership.State;
            var pending = string.Equals(state, "pending", StringComparison.OrdinalIgnoreCase)
                || string.Equals(state, "invited", StringComparison.OrdinalIgnoreCase)
                || (membership.Invited == true && membership.ActivatedAt == null);
            return new ModeWorkspaceAccount
            {
                Username = membership.Username ?? string.Empty,
                Email = membership.Email,
                Name = membership.Name,
                MemberToken = membership.MemberToken,
                MembershipToken = membership.MembershipToken,
                State = state,
                Admin = membership.Admin,
                ManagedByScim = membership.ManagedByScim,
                ActivatedAt = membership.ActivatedAt,
                IsPendingInvite = pending,
            };
        }
    }
}
