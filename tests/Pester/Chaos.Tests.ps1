# With 10% throttling, 5% server errors and 2% connections dropped after the server applied the request,
# the sync cmdlets, run again as a nightly job would be, must reach exactly the desired state: no user
# created twice, every journal line whole, every item accounted for.
BeforeDiscovery {
    $script:Seeds = @(11, 22, 33)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Faults = @{ rate429 = 0.10; rate5xx = 0.05; rateDropAfter = 0.02; retryAfterSeconds = 0; faultMethods = @() }
    $script:NoFaults = @{ rate429 = 0; rate5xx = 0; rateDropAfter = 0 }

    # Runs a sync until a run reports no failure, as tomorrow night's run would; returns every run's result.
    function Invoke-UntilClean([scriptblock] $Sync, [int] $MaxRuns = 4) {
        $results = @()
        for ($run = 1; $run -le $MaxRuns; $run++) {
            $result = @(& $Sync)
            $results += , $result
            if (@($result | ForEach-Object { $_.Failed }).Count -eq 0) { break }
        }
        , $results
    }
}

Describe 'Chaos: sync under injected faults, fault seed <_>' -Tag 'Slow' -ForEach $Seeds {
    BeforeAll {
        $seed = $_
        $script:Emulator = Start-TestEmulator -ExtraArguments @('--fault-seed', $seed)
        Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString $script:Emulator.Token) -MaxRetries 8
        $script:journal = New-TestJournalPath
        $script:desired = @(1..500 | ForEach-Object { [pscustomobject]@{ UserName = "user$_@chaos.example.com"; FirstName = 'User'; LastName = "$_" } })
        $script:leavers = @($script:desired[100..119].UserName)
        $script:memberships = @(0..499 | ForEach-Object { [pscustomobject]@{ Group = 'Chaos ' + ($_ % 20); UserName = $script:desired[$_].UserName } })
        $null = Set-ModeScimEmulatorConfig -Emulator $script:Emulator -Settings $script:Faults

        $script:userRuns = Invoke-UntilClean { $script:desired | Sync-ModeUser -ErrorAction SilentlyContinue -WarningAction SilentlyContinue }
        $script:groupRuns = Invoke-UntilClean { $script:memberships | Sync-ModeGroup -CreateIfMissing -ErrorAction SilentlyContinue -WarningAction SilentlyContinue }
        $stayers = @($script:desired | Where-Object { $script:leavers -notcontains $_.UserName })
        $script:leaverRuns = Invoke-UntilClean { $stayers | Sync-ModeUser -DisableMissing -MaxDisable 25 -JournalPath $script:journal -ErrorAction SilentlyContinue -WarningAction SilentlyContinue }

        $null = Set-ModeScimEmulatorConfig -Emulator $script:Emulator -Settings $script:NoFaults
        # What the server holds, read without the module.
        $script:users = @(Get-EmulatorResources -Emulator $script:Emulator -Collection Users)
        $script:groups = @(Get-EmulatorResources -Emulator $script:Emulator -Collection Groups)
    }

    AfterAll {
        Disconnect-ModeScim
        Stop-ModeScimEmulator $script:Emulator
        Remove-Item $script:journal -ErrorAction SilentlyContinue
    }

    It 'creates every user exactly once' {
        $script:users.Count | Should -Be 500
        @($script:users.UserName | Sort-Object -Unique).Count | Should -Be 500
        @($script:userRuns | ForEach-Object { $_.Failed } | Where-Object { $_.Reason -like 'ModeScim.UserAlreadyExists*' }).Count | Should -Be 0
    }

    It 'accounts for every desired user in the first run, done or failed with a reason' {
        $first = $script:userRuns[0][0]
        ($first.Created.Count + $first.Unchanged + @($first.Failed).Count) | Should -Be 500
        @($first.Failed | Where-Object { -not $_.Reason }).Count | Should -Be 0
    }

    It 'ends with the desired memberships, less the leavers Mode dropped' {
        $script:groups.Count | Should -Be 20
        foreach ($group in $script:groups) {
            $expected = @($script:memberships | Where-Object { $_.Group -eq $group.DisplayName -and $script:leavers -notcontains $_.UserName } | ForEach-Object UserName | Sort-Object)
            $actual = @($group.members | ForEach-Object display | Sort-Object)
            $actual | Should -Be $expected -Because $group.DisplayName
        }
    }

    It 'accounts for every desired membership in the first group run' {
        foreach ($result in $script:groupRuns[0]) {
            ($result.Added.Count + $result.Unchanged + $result.NotFound.Count + @($result.Failed).Count) | Should -Be 25 -Because $result.Group
        }
    }

    It 'disables exactly the leavers, with a whole journal line for each' {
        @($script:users | Where-Object { -not $_.Active } | ForEach-Object UserName | Sort-Object) | Should -Be @($script:leavers | Sort-Object)
        $lines = @(Get-Content -LiteralPath $script:journal)
        $lines.Count | Should -BeGreaterOrEqual 20
        $records = $lines | ForEach-Object { $_ | ConvertFrom-Json }
        @($records.userName | Sort-Object -Unique) | Should -Be @($script:leavers | Sort-Object)
        $records | ForEach-Object { $_.groups.Count | Should -Be 1 }
    }

    It 'converged within the runs a nightly job would make' {
        @($script:userRuns[-1] | ForEach-Object { $_.Failed }).Count | Should -Be 0
        @($script:groupRuns[-1] | ForEach-Object { $_.Failed }).Count | Should -Be 0
        @($script:leaverRuns[-1] | ForEach-Object { $_.Failed }).Count | Should -Be 0
    }
}
