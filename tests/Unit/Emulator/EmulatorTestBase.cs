using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Http;
using ModeScim.Emulator;

namespace ModeScim.Tests.Unit.Emulator
{
    /// <summary>Each test gets its own emulator on a free loopback port, and both a typed client and a raw
    /// HttpClient to speak to it: the raw one sends exactly the bodies that Entra ID and Okta send.</summary>
    public abstract class EmulatorTestBase : IAsyncDisposable
    {
        protected const string Token = "unit-test-token";

        /// <summary>The start of every PatchOp body the raw tests send, as every real client sends it.</summary>
        protected const string PatchOpSchemas = "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],";

        private EmulatorHost? _host;

        protected EmulatorHost Host => _host ?? throw new InvalidOperationException("Call StartAsync first.");

        protected HttpClient Raw { get; } = new HttpClient();

        protected ScimClient Client { get; private set; } = null!;

        /// <param name="handler">Where the typed client's requests go first (a recorder); null for the default handler.</param>
        protected async Task StartAsync(int seedUsers = 0, int maxPageSize = 100, Action<EmulatorOptions>? configure = null,
            HttpMessageHandler? handler = null)
        {
            var options = new EmulatorOptions { Token = Token, SeedUsers = seedUsers, MaxPageSize = maxPageSize };
            configure?.Invoke(options);
            _host = await EmulatorHost.StartAsync(options);
            var clientOptions = new ScimClientOptions(_host.BaseUri, () => Token)
            {
                RetryPolicy = new ScimRetryPolicy(3) { BaseDelay = TimeSpan.FromMilliseconds(1) },
            };
            Client = new ScimClient(clientOptions, handler, (_, _) => Task.CompletedTask);
        }

        protected async Task<(int Status, JsonNode? Body)> SendAsync(string method, string path, string? json = null, string? token = Token)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), Host.BaseUri.AbsoluteUri.TrimEnd('/') + "/" + path);
            if (token != null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            if (json != null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/scim+json");
            }
            using var response = await Raw.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text));
        }

        protected async Task<string> CreateUserAsync(string userName, bool active = true)
        {
            var (status, body) = await SendAsync("POST", "Users",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName + "\",\"active\":"
                + (active ? "true" : "false") + ",\"emails\":[{\"value\":\"" + userName + "\",\"type\":\"work\",\"primary\":true}]}");
            if (status != 201)
            {
                throw new InvalidOperationException("Creating " + userName + " failed with " + status + ": " + body);
            }
            return body!["id"]!.GetValue<string>();
        }

        protected async Task<string> CreateGroupAsync(string displayName, params string[] memberIds)
        {
            var members = string.Join(",", memberIds.Select(id => "{\"value\":\"" + id + "\"}"));
            var (status, body) = await SendAsync("POST", "Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"" + displayName + "\",\"members\":[" + members + "]}");
            if (status != 201)
            {
                throw new InvalidOperationException("Creating group " + displayName + " failed with " + status + ": " + body);
            }
            return body!["id"]!.GetValue<string>();
        }

        /// <summary>Starts the emulator with server-behaviour switches, as on its command line ("--filters", "eq-and").</summary>
        protected Task StartWithSwitchesAsync(params string[] switches)
        {
            return StartAsync(configure: options => options.Behaviour = EmulatorOptions.Parse(switches).Behaviour);
        }

        /// <summary>Requests the emulator has counted on one route, such as "GET Users" or "PATCH Groups/{id}".</summary>
        protected async Task<int> RouteCountAsync(string route)
        {
            var stats = await StatsAsync();
            return stats["routes"]![route]?.GetValue<int>() ?? 0;
        }

        protected async Task<List<string>> MemberIdsAsync(string groupId)
        {
            var (_, body) = await SendAsync("GET", "Groups/" + groupId);
            return body!["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()).ToList();
        }

        protected async Task<JsonNode> StatsAsync()
        {
            var text = await Raw.GetStringAsync(new Uri(Host.AdminUri, "_emulator/stats"));
            return JsonNode.Parse(text)!;
        }

        public async ValueTask DisposeAsync()
        {
            Client?.Dispose();
            Raw.Dispose();
            if (_host != null)
            {
                await _host.DisposeAsync();
            }
            GC.SuppressFinalize(this);
        }

        protected static CancellationToken None => CancellationToken.None;
    }
}
