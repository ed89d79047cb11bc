using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Filtering;
using ModeScim.Client.Http;
using ModeScim.Client.Models;

namespace ModeScim.Client
{
    /// <summary>A typed SCIM 2.0 client for one service provider. Owns one HttpClient; thread-safe.</summary>
    public sealed class ScimClient : IDisposable
    {
        private readonly ScimTransport _transport;

        public ScimClient(ScimClientOptions options, HttpMessageHandler? handler = null, Func<TimeSpan, CancellationToken,
            Task>? delay = null)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            _transport = new ScimTransport(options, handler, delay);
            Users = Endpoint<ScimUser>("Users", "userName", u => u.UserName);
            Groups = Endpoint<ScimGroup>("Groups", "displayName", g => g.DisplayName);
            GroupMembers = Endpoint<ScimGroupMembers>("Groups", "displayName", g => g.DisplayName);
        }

        /// <summary>A collection whose resources are told apart by one attribute (the filter by which a create in doubt
        /// finds its resource), paged with this client's settings as they are when each listing starts.</summary>
        private ScimResourceEndpoint<T> Endpoint<T>(string collection, string uniqueAttribute, Func<T, string?> uniqueValue)
            where T : ScimResource
        {
            return new ScimResourceEndpoint<T>(_transport, collection,
                resource => string.IsNullOrEmpty(uniqueValue(resource)) ? null : ScimFilter.Equal(uniqueAttribute, uniqueValue(resource)!),
                () => Options.PageSize, () => Options.MaxConcurrentRequests, () => Options.MaxListPages);
        }

        public ScimClientOptions Options { get; }

        public Uri BaseUri => Options.BaseUri;

        public ScimResourceEndpoint<ScimUser> Users { get; }

        public ScimResourceEndpoint<ScimGroup> Groups { get; }

        /// <summary>The same groups, read as the membership index needs them: ids, names and member ids only.</summary>
        internal ScimResourceEndpoint<ScimGroupMembers> GroupMembers { get; }

        /// <summary>What this client has learned the server offers; shared by every request.</summary>
        public ScimServerCapabilities Capabilities { get; } = new ScimServerCapabilities();

        /// <summary>Routes the records of every request made in the current async flow to <paramref name="observer"/>
        /// until the returned scope is disposed.</summary>
        public static IDisposable Observe(IScimRequestObserver observer)
        {
            return ScimObserverScope.Enter(observer ?? throw new ArgumentNullException(nameof(observer)));
        }

        /// <summary>Reads ServiceProviderConfig without failing on a server that has none or whose discovery is
        /// broken (401, 5xx, an HTML page): neither IdP needs it, so a Mode server may not offer it. An
        /// unreachable server still throws. A published configuration that says PATCH is unsupported is learned.</summary>
        public async Task<ScimDiscoveryResult> DiscoverAsync(CancellationToken cancellationToken)
        {
            try
            {
                // A 500 here says discovery is broken, not that the server is down: no retries slow the connect.
                var response = await _transport.SendAsync(
                    new ScimRequest(HttpMethod.Get, "ServiceProviderConfig", null, true, retryServerErrors: false),
                    cancellationToken).NoContext();
                var config = JsonSerializer.Deserialize<ServiceProviderConfig>(response.Body, ScimJson.Options)
                    ?? throw new JsonException("The body was JSON null.");
                if (config.Patch.Supported == false)
                {
                    Capabilities.Learn(ScimCapability.UserPatch, false);
                }
                return ScimDiscoveryResult.Published(config);
            }
            catch (ScimException ex) when (ex.StatusCode == 404 || ex.StatusCode == 501)
            {
                return ScimDiscoveryResult.Absent();
            }
            catch (ScimException ex) when (ex.StatusCode.HasValue || ex.Kind == ScimErrorKind.InvalidResponse)
            {
                return ScimDiscoveryResult.Broken(ex.Message);
            }
            catch (JsonException ex)
            {
                return ScimDiscoveryResult.Broken("GET ServiceProviderConfig answered with something other than SCIM JSON: " + ex.Message);
            }
        }

        public Task<IReadOnlyList<ScimDiscoveryDocument>> GetResourceTypesAsync(CancellationToken cancellationToken)
        {
            return GetDiscoveryListAsync("ResourceTypes", cancellationToken);
        }

        public Task<IReadOnlyList<ScimDiscoveryDocument>> GetSchemasAsync(CancellationToken cancellationToken)
        {
            return GetDiscoveryListAsync("Schemas", cancellationToken);
        }

        public void Dispose()
        {
            _transport.Dispose();
        }

        // RFC 7644 returns these as a ListResponse; some servers return a bare array. Accept both.
        private async Task<IReadOnlyList<ScimDiscoveryDocument>> GetDiscoveryListAsync(string path, CancellationToken cancellationToken)
        {
            var response = await _transport.SendAsync(new ScimRequest(HttpMethod.Get, path, null, true), cancellationToken)
                .NoContext();
            try
            {
                var trimmed = response.Body.TrimStart();
                if (trimmed.StartsWith("[", StringComparison.Ordinal))
                {
                    return JsonSerializer.Deserialize<List<ScimDiscoveryDocument>>(trimmed, ScimJson.Options)
                        ?? new List<ScimDiscoveryDocument>();
                }
                var list = JsonSerializer.Deserialize<ScimListResponse<ScimDiscoveryDocument>>(trimmed, ScimJson.Options);
                return (IReadOnlyList<ScimDiscoveryDocument>?)list?.Resources ?? new List<ScimDiscoveryDocument>();
            }
            catch (JsonException ex)
            {
                throw new ScimException(ScimErrorKind.InvalidResponse, "GET", path, response.StatusCode, null, ex.Message, null, ex);
            }
        }
    }
}
