BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 120

    function Get-Completions([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
    }
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Tab completion' {
    It 'completes group display names, quoting names with spaces' {
        Connect-TestEmulator -Emulator $script:Emulator

        Get-Completions 'Get-ModeGroup -Identity Fin' | Should -Be 'Finance'
        Get-Completions 'Sync-ModeGroup -Group Data' | Should -Be "'Data Engineering'"
    }

    It 'completes userNames from the server by prefix' {
        Connect-TestEmulator -Emulator $script:Emulator
        $expected = @(Get-EmulatorResources -Emulator $script:Emulator -Collection Users | ForEach-Object userName |
            Where-Object { $_ -like 'ava*' } | Sort-Object)
        $expected.Count | Should -BeGreaterThan 1

        Get-Completions 'Disable-ModeUser -Identity ava' | Should -Be $expected
    }

    It 'asks the server once for repeated completions of the same prefix' {
        Connect-TestEmulator -Emulator $script:Emulator
        $null = Get-Completions 'Get-ModeUser -Identity chloe'
        Reset-ModeScimEmulator $script:Emulator

        $null = Get-Completions 'Get-ModeUser -Identity chloe'
        $null = Get-Completions 'Get-ModeUser -Identity chloe'

        (Get-ModeScimEmulatorStats $script:Emulator).total | Should -Be 0
    }

    It 'completes userNames wherever an identity goes: <Line>' -TestCases @(
        @{ Line = 'Disable-ModeUser -Identity x -HandoverTo ava' }
        @{ Line = 'Sync-ModeUser -InputObject @() -HandoverTo ava' }
        @{ Line = 'Get-ModeContent -Owner ava' }
        @{ Line = 'Undo-ModeHandover -UserName ava' }
        @{ Line = 'Undo-ModeHandover ava' }
        @{ Line = 'Get-ModeUser -Email ava' }
    ) {
        param($Line)
        Connect-TestEmulator -Emulator $script:Emulator
        # The seeded users' first email is their userName.
        $expected = @(Get-EmulatorResources -Emulator $script:Emulator -Collection Users | ForEach-Object userName |
            Where-Object { $_ -like 'ava*' } | Sort-Object)

        Get-Completions $Line | Should -Be $expected
    }

    It 'completes -HandoverCollection with the shared collections from the REST API, quoted, never a personal one' {
        $suffix = [guid]::NewGuid().ToString('N').Substring(0, 6)
        $creator = (Get-EmulatorResources -Emulator $script:Emulator -Collection Users | Select-Object -First 1).userName
        $null = New-EmulatorContent -Emulator $script:Emulator -Creator $creator -Collection "Zeta Handover $suffix"
        $null = New-EmulatorContent -Emulator $script:Emulator -Creator $creator -Collection "Zeta Drafts $suffix" -Personal
        Connect-TestEmulatorWithApi -Emulator $script:Emulator

        Get-Completions 'Disable-ModeUser -Identity x -HandoverTo y -HandoverCollection Zeta' | Should -Be "'Zeta Handover $suffix'"
        Get-Completions 'Sync-ModeUser -InputObject @() -HandoverCollection ''Zeta H' | Should -Be "'Zeta Handover $suffix'"
    }

    It 'offers no collections and says nothing without the REST API' {
        Connect-TestEmulator -Emulator $script:Emulator
        $Error.Clear()

        Get-Completions 'Disable-ModeUser -Identity x -HandoverCollection Zeta' | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }

    It 'offers nothing and says nothing when not connected' {
        Disconnect-ModeScim
        $Error.Clear()

        Get-Completions 'Get-ModeGroup -Identity Fin' | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }
}
