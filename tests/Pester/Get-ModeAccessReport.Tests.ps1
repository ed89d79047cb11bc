BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 60
    Connect-TestEmulator -Emulator $script:Emulator
    $script:Csv = Join-Path ([System.IO.Path]::GetTempPath()) ('report-' + [guid]::NewGuid().ToString('N') + '.csv')
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
    Remove-Item $script:Csv -ErrorAction SilentlyContinue
}

Describe 'Get-ModeAccessReport' {
    BeforeAll {
        # What the server holds, read without the module.
        $script:users = @(Get-EmulatorResources -Emulator $script:Emulator -Collection Users)
        $script:users.Count | Should -BeGreaterThan 10
        $script:active = @($script:users | Where-Object Active)
        $script:inactive = @($script:users | Where-Object { -not $_.Active })
        # The reference leaves out two active users and names one person Mode does not have.
        $script:reference = @($script:active[2..($script:active.Count - 1)] | ForEach-Object { [pscustomobject]@{ UserName = $_.UserName } }) +
            [pscustomobject]@{ UserName = 'new.hire@example.com'; DisplayName = 'New Hire' }
    }

    It 'gives one row per user with groups and status, flagging orphans and missing people' {
        $rows = @(Get-ModeAccessReport -Reference $script:reference)

        $rows.Count | Should -Be ($script:users.Count + 1)
        @($rows | Where-Object Status -eq 'Orphaned').UserName | Should -Be $script:active[0..1].UserName
        ($rows | Where-Object Status -eq 'Missing').UserName | Should -Be 'new.hire@example.com'
        @($rows | Where-Object Status -eq 'Inactive').Count | Should -Be $script:inactive.Count
        $someone = $rows | Where-Object UserName -eq $script:active[5].UserName
        $someone.Status | Should -Be 'Ok'
        @($script:active[5].groups).Count | Should -BeGreaterThan 0
        $someone.Groups | Should -Be ((@($script:active[5].groups) | ForEach-Object display) -join '; ')
    }

    It 'counts a reference row with an invisible character after a userName as naming that user, not as an orphan' {
        $marked = @($script:reference | ForEach-Object { $_ })
        $marked[0] = [pscustomobject]@{ UserName = $marked[0].UserName + [char]0x200B }

        $rows = @(Get-ModeAccessReport -Reference $marked)

        @($rows | Where-Object Status -eq 'Orphaned').UserName | Should -Be $script:active[0..1].UserName
        @($rows | Where-Object Status -eq 'Missing').UserName | Should -Be @('new.hire@example.com')
    }

    It 'reports Ok or Inactive without a reference' {
        $rows = @(Get-ModeAccessReport)
        @($rows.Status | Sort-Object -Unique) | Should -Be @('Inactive', 'Ok')
    }

    It 'takes the reference from the pipeline' {
        $rows = @($script:reference | Get-ModeAccessReport)
        @($rows | Where-Object Status -eq 'Missing').Count | Should -Be 1
    }

    It 'returns counts by status with -Summary' {
        $summary = Get-ModeAccessReport -Reference $script:reference -Summary

        $summary.Orphaned | Should -Be 2
        $summary.Missing | Should -Be 1
        $summary.Inactive | Should -Be $script:inactive.Count
        $summary.Total | Should -Be ($script:users.Count + 1)
    }

    It 'pipes into Export-Csv with one line per user' {
        Get-ModeAccessReport -Reference $script:reference | Export-Csv -LiteralPath $script:Csv -NoTypeInformation

        $back = @(Import-Csv -LiteralPath $script:Csv)
        $back.Count | Should -Be ($script:users.Count + 1)
        $back[0].PSObject.Properties.Name | Should -Contain 'Groups'
    }
}

Describe 'Get-ModeAccessReport on a large workspace' {
    It 'writes each row as its page arrives, so Select-Object -First ends the listing early' {
        $paged = Start-TestEmulator -Seed 300 -ExtraArguments '--max-page-size', '10'
        try {
            Connect-ModeScim -BaseUri $paged.BaseUri -Token (ConvertTo-TestSecureString $paged.Token) -ThrottleLimit 2
            $null = Invoke-RestMethod -Method Post -Uri "$($paged.AdminUri)/reset"

            $first = @(Get-ModeAccessReport | Select-Object -First 1)
            $stats = Get-EmulatorStats -Emulator $paged
        }
        finally {
            Connect-TestEmulator -Emulator $script:Emulator
            Stop-ModeScimEmulator $paged
        }
        $first.Count | Should -Be 1
        $first[0].Status | Should -BeIn @('Ok', 'Inactive')
        # 30 pages of users; the report stopped within the pages already asked for when the first row was written.
        $stats.routes.'GET Users' | Should -BeLessOrEqual 4
    }
}

Describe 'Get-ModeAccessReport reading the group side first' {
    It 'lists users without their own groups where the group side can be read, and reports the same groups' {
        $verbose = @(Get-ModeAccessReport -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $rows = @(Get-ModeAccessReport)

        @($verbose | Where-Object { "$_" -match '^GET Users\?.*excludedAttributes=groups' }) | Should -Not -BeNullOrEmpty
        $someone = $script:users | Where-Object { $_.active -and @($_.groups).Count -ge 2 } | Select-Object -First 1
        ($rows | Where-Object UserName -eq $someone.userName).Groups | Should -Be ((@($someone.groups) | ForEach-Object display) -join '; ')
    }

    It 'reports the groups from the group side on a server that ignores excludedAttributes' {
        $ignoring = Start-TestEmulator -Seed 30 -ExtraArguments '--attribute-selection', 'ignored'
        try {
            Connect-TestEmulator -Emulator $ignoring
            $rows = @(Get-ModeAccessReport)
            $users = @(Get-EmulatorResources -Emulator $ignoring -Collection Users)
        }
        finally {
            Connect-TestEmulator -Emulator $script:Emulator
            Stop-ModeScimEmulator $ignoring
        }
        foreach ($user in $users | Where-Object active) {
            ($rows | Where-Object UserName -eq $user.userName).Groups | Should -Be ((@($user.groups) | ForEach-Object display) -join '; ')
        }
    }
}
