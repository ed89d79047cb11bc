using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModeScim.Emulator.Http;
using ModeScim.Emulator.ModeApi;
using ModeScim.Emulator.Seeding;
using ModeScim.Emulator.Storage;

namespace ModeScim.Emulator
{
    /// <summary>A running emulator on 127.0.0.1. Used by the command line and, in-process, by the unit tests.</summary>
    public sealed class EmulatorHost : IAsyncDisposable
    {
        private static readonly string[] NoConfigurationReload = { "--hostBuilder:reloadConfigOnChange=false" };

        private readonly WebApplication _app;
        private readonly SimulatedLatency _latency;

        private EmulatorHost(WebApplication app, SimulatedLatency latency, Uri baseUri)
        {
            _app = app;
            _latency = latency;
            BaseUri = baseUri;
        }

        /// <summary>The SCIM API, such as http://127.0.0.1:5123/scim/v2.</summary>
        public Uri BaseUri { get; }

        /// <summary>Mode's REST API, such as http://127.0.0.1:5123/api/ (paths below it name the workspace).</summary>
        public Uri ApiBaseUri => new Uri(BaseUri.GetLeftPart(UriPartial.Authority) + "/api/");

        /// <summary>Where the admin endpoints live: the server root.</summary>
        public Uri AdminUri => new Uri(BaseUri.GetLeftPart(UriPartial.Authority) + "/");

        public static async Task<EmulatorHost> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
        {
            // No watching of configuration files: the emulator reads none, and each watcher takes one of the few inotify
            // instances a Linux user may have (128 by default), which a test run starting many emulators would exhaust.
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                Args = NoConfigurationReload,
            });
            // stdout carries exactly one line, LISTENING; a parent reading it must not be flooded.
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:" + options.Port);
            var store = new ScimStore { MemberDisplay = options.MemberDisplay, Behaviour = options.Behaviour };
            var stats = new RequestStats();
            var faults = new FaultInjector(options);
            var workspace = new ModeWorkspace(store);
            var limiter = new ApiRateLimiter(options);
            var latency = new SimulatedLatency();
            builder.Services.AddSingleton(options);
            builder.Services.AddSingleton(latency);
            builder.Services.AddSingleton(stats);
            builder.Services.AddSingleton(faults);
            builder.Services.AddSingleton(workspace);
            builder.Services.AddSingleton(limiter);

            var app = builder.Build();
            void ResetData()
            {
                store.Clear();
                workspace.Clear();
                limiter.Reset();
                SampleWorkspace.Seed(store, options.SeedUsers);
                SampleContent.Seed(workspace, options);
            }

            AdminEndpoints.Map(app, stats, faults, ResetData, store);
            app.UseWhen(
                context => context.Request.Path.StartsWithSegments(options.BasePath),
                branch => branch.UseMiddleware<ScimMiddleware>());
            ScimEndpoints.Map(app.MapGroup(options.BasePath), store, options);
            ModeApiAdminEndpoints.Map(app, workspace, options);
            app.UseWhen(
                context => context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/batch"),
                branch => branch.UseMiddleware<ModeApiMiddleware>());
            ModeApiEndpoints.Map(app, workspace, options);
            DiscoveryApiEndpoints.Map(app, workspace, options);
            app.MapFallback(context => ScimResponses.WriteErrorAsync(context, 404, null, "No such endpoint: " + context.Request.Path));

            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var baseUri = new Uri(address.TrimEnd('/') + options.BasePath);
            store.LocationBase = baseUri.AbsoluteUri.TrimEnd('/');
            ResetData();
            return new EmulatorHost(app, latency, baseUri);
        }

        public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

        public Task StopAsync() => _app.StopAsync();

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _latency.Dispose();
        }
    }
}
