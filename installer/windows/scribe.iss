; Inno Setup script for Scribe on Windows (Inno Setup 6.2+). Not buildable on Linux.
;
; On a Windows build machine, from the repository root:
;   installer\build.ps1                          (PyInstaller one-folder build: build\dist\scribe)
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installer\windows\scribe.iss
; Output: build\Scribe-Setup-<version>.exe
;
; Per-user install (no administrator rights): %LOCALAPPDATA%\Programs\Scribe, a Start menu
; entry (and an optional desktop icon), an uninstaller in "Apps & features". The uninstaller
; asks whether to keep the doctor's data (consultations, settings, joined models in
; %LOCALAPPDATA%\Scribe); silent uninstalls always keep it.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Scribe"
#define BuildDir "..\..\build\dist\scribe"

[Setup]
AppId={{6F0C5D3E-8B1A-4C47-9A4E-3D2B7C1E5A90}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Scribe
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\build
OutputBaseFilename=Scribe-Setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\scribe.ico
UninstallDisplayIcon={app}\scribe-gui.exe
UninstallDisplayName={#AppName}
InfoBeforeFile=..\licences\THIRD-PARTY.md
Compression=lzma2/max
SolidCompression=yes
LZMANumBlockThreads=2
WizardStyle=modern
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"

[CustomMessages]
en.DesktopIcon=Create a desktop icon
fr.DesktopIcon=Créer une icône sur le Bureau
en.KeepData=Also delete your consultations, settings and downloaded models?%n%nChoose No to keep them (for example before installing a newer version of Scribe).
fr.KeepData=Supprimer aussi vos consultations, vos réglages et les modèles téléchargés ?%n%nChoisissez Non pour les garder (par exemple avant d'installer une nouvelle version de Scribe).
en.DataDeleted=Your Scribe data was deleted.
fr.DataDeleted=Vos données Scribe ont été supprimées.

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[Files]
; The whole one-folder build: scribe-gui.exe (window), scribe.exe (command line), _internal\.
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\scribe-gui.exe"; WorkingDir: "{app}"; Comment: "Consultation scribe"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\scribe-gui.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\scribe-gui.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Files the app writes inside its own folder (none expected), never the user's data.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
// platformdirs on Windows (appauthor=False): data, settings, cache and logs all live under
// %LOCALAPPDATA%\Scribe (…\Cache, …\Logs). The encryption key of the consultation store is in
// the Windows Credential Manager: it is left there, so kept data stays readable after a reinstall.
function DataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\Scribe');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
  begin
    if UninstallSilent() or not DirExists(DataDir()) then
      exit;
    if MsgBox(CustomMessage('KeepData'), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
    begin
      if DelTree(DataDir(), True, True, True) then
        MsgBox(CustomMessage('DataDeleted'), mbInformation, MB_OK);
    end;
  end;
end;
