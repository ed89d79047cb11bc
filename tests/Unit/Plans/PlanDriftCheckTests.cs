using System;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Plans;
using Xunit;

namespace ModeScim.Tests.Unit.Plans
{
    /// <summary>Only what a plan saw is compared; what it saw and is now gone is a drift, never "unchanged".</summary>
    public class PlanDriftCheckTests
    {
        private static readonly PlanUserState Planned = new PlanUserState
        {
            Id = "u1",
            UserName = "ava@example.com",
            Email = "ava@example.com",
            DisplayName = "Ava",
        };

        private static ScimUser Now(string userName = "ava@example.com", string? email = "ava@example.com", string? display = "Ava") =>
            new ScimUser
            {
                Id = "u1",
                UserName = userName,
                DisplayName = display,
                Emails = email == null ? null : new System.Collections.Generic.List<ScimMultiValue>
                {
                    new ScimMultiValue { Value = email, Primary = true },
                },
            };

        [Fact]
        public void A_user_as_planned_has_not_drifted_whatever_the_case_of_its_userName()
        {
            Assert.Null(PlanDriftCheck.Of(Planned, Now("AVA@example.com"), Array.Empty<string>()));
        }

        [Fact]
        public void A_renamed_user_has_drifted_and_the_drift_names_both_values()
        {
            var drift = PlanDriftCheck.Of(Planned, Now("eve@example.com"), Array.Empty<string>());

            Assert.NotNull(drift);
            Assert.Contains("eve@example.com", drift, StringComparison.Ordinal);
            Assert.Contains("ava@example.com", drift, StringComparison.Ordinal);
        }

        [Fact]
        public void An_attribute_the_plan_saw_and_the_server_no_longer_shows_is_a_drift()
        {
            Assert.Contains("none shown", PlanDriftCheck.Of(Planned, Now(email: null), Array.Empty<string>()), StringComparison.Ordinal);
        }

        [Fact]
        public void An_attribute_the_plan_never_saw_is_not_compared()
        {
            var planned = new PlanUserState { Id = "u1", UserName = "ava@example.com" };

            Assert.Null(PlanDriftCheck.Of(planned, Now(display: "Someone Else"), Array.Empty<string>()));
        }

        [Fact]
        public void An_attribute_the_change_sets_is_left_to_the_caller()
        {
            Assert.Null(PlanDriftCheck.Of(Planned, Now(display: "Ava B."), new[] { PlanUserStates.DisplayName }));
        }
    }
}
