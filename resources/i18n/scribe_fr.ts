<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AboutDialog</name>
    <message>
        <source>speech model</source>
        <translation>modèle de reconnaissance vocale</translation>
    </message>
    <message>
        <source>speech detection</source>
        <translation>détection de la parole</translation>
    </message>
    <message>
        <source>telling speakers apart</source>
        <translation>distinguer les interlocuteurs</translation>
    </message>
    <message>
        <source>local note model</source>
        <translation>modèle de rédaction local</translation>
    </message>
    <message>
        <source>runtime</source>
        <translation>environnement d&apos;exécution</translation>
    </message>
    <message>
        <source>user interface</source>
        <translation>interface utilisateur</translation>
    </message>
    <message>
        <source>speech recognition</source>
        <translation>reconnaissance vocale</translation>
    </message>
    <message>
        <source>speech model engine</source>
        <translation>moteur du modèle vocal</translation>
    </message>
    <message>
        <source>speech detection engine</source>
        <translation>moteur de détection de la parole</translation>
    </message>
    <message>
        <source>audio file decoding</source>
        <translation>décodage des fichiers audio</translation>
    </message>
    <message>
        <source>speech model tokenizer</source>
        <translation>découpage en jetons du modèle vocal</translation>
    </message>
    <message>
        <source>local note server</source>
        <translation>serveur de rédaction local</translation>
    </message>
    <message>
        <source>microphone</source>
        <translation>micro</translation>
    </message>
    <message>
        <source>audio processing</source>
        <translation>traitement audio</translation>
    </message>
    <message>
        <source>note and speech backends</source>
        <translation>moteurs de rédaction et de transcription</translation>
    </message>
    <message>
        <source>system keychain</source>
        <translation>trousseau du système</translation>
    </message>
    <message>
        <source>encryption at rest</source>
        <translation>chiffrement des données stockées</translation>
    </message>
    <message>
        <source>data folders</source>
        <translation>dossiers de données</translation>
    </message>
    <message>
        <source>note checker</source>
        <translation>vérification des documents</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Composant</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Used for</source>
        <translation>Utilisé pour</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modèles d&apos;IA</translation>
    </message>
    <message>
        <source>Libraries</source>
        <translation>Bibliothèques</translation>
    </message>
    <message>
        <source>The full licence texts are in the licences folder of the installation. Qt and PySide6 are used under the LGPL version 3: you may replace them with your own build.</source>
        <translation>Les textes complets des licences se trouvent dans le dossier licences de l&apos;installation. Qt et PySide6 sont utilisés sous licence LGPL version 3&#xa0;: vous pouvez les remplacer par votre propre version.</translation>
    </message>
    <message>
        <source>Drafts from the local note model can contain clinical errors: always read the note before you use it.</source>
        <translation>Les brouillons du modèle de rédaction local peuvent contenir des erreurs cliniques&#xa0;: relisez toujours le document avant de l&apos;utiliser.</translation>
    </message>
    <message>
        <source>About Scribe</source>
        <translation>À propos de Scribe</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>Version {version}</translation>
    </message>
    <message>
        <source>Records the consultation, shows the transcript, drafts the note.</source>
        <translation>Enregistre la consultation, affiche la transcription, rédige le document.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Consultations are not kept after Scribe closes: copy each note before you quit.</source>
        <translation>Les consultations ne sont pas conservées après la fermeture de Scribe&#xa0;: copiez chaque document avant de quitter.</translation>
    </message>
    <message>
        <source>No secure keychain</source>
        <translation>Aucun trousseau sécurisé</translation>
    </message>
    <message>
        <source>Scribe encrypts the consultations it keeps with a key held in the system keychain, but no usable keychain was found on this computer.</source>
        <translation>Scribe chiffre les consultations qu&apos;il conserve avec une clé rangée dans le trousseau du système, mais aucun trousseau utilisable n&apos;a été trouvé sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Keep consultations on this computer without encryption? If you answer No, nothing is kept after Scribe closes.</source>
        <translation>Conserver les consultations sur cet ordinateur sans chiffrement&#xa0;? Si vous répondez Non, rien n&apos;est conservé après la fermeture de Scribe.</translation>
    </message>
    <message>
        <source>The new interface language is used from the next start of Scribe.</source>
        <translation>La nouvelle langue de l&apos;interface s&apos;appliquera au prochain démarrage de Scribe.</translation>
    </message>
    <message>
        <source>Recover the interrupted consultation?</source>
        <translation>Récupérer la consultation interrompue&#xa0;?</translation>
    </message>
    <message>
        <source>Scribe was closed during the consultation started at {time}. Its audio up to that moment is kept: recover it and finish its transcript?</source>
        <translation>Scribe a été fermé pendant la consultation commencée à {time}. Son enregistrement jusqu&apos;à ce moment est conservé&#xa0;: le récupérer et terminer sa transcription&#xa0;?</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Récupérer</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Plus tard</translation>
    </message>
</context>
<context>
    <name>AudioPage</name>
    <message>
        <source>Microphone</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Micro par défaut du système</translation>
    </message>
    <message>
        <source>%1 (not connected)</source>
        <translation>%1 (non branché)</translation>
    </message>
    <message>
        <source>Test microphone</source>
        <translation>Tester le micro</translation>
    </message>
    <message>
        <source>Microphone:</source>
        <translation>Microphone&#xa0;:</translation>
    </message>
    <message>
        <source>Scribe records from this input during the consultation.</source>
        <translation>Scribe enregistre cette entrée pendant la consultation.</translation>
    </message>
    <message>
        <source>Test:</source>
        <translation>Test&#xa0;:</translation>
    </message>
    <message>
        <source>Your voice:</source>
        <translation>Votre voix :</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Speak now: the bar should move with your voice.</source>
        <translation>Parlez&#xa0;: la barre doit bouger avec votre voix.</translation>
    </message>
    <message>
        <source>Stop test</source>
        <translation>Arrêter le test</translation>
    </message>
    <message>
        <source>The microphone works.</source>
        <translation>Le micro fonctionne.</translation>
    </message>
    <message>
        <source>Nothing was heard. Check that the microphone is plugged in and not muted, or choose another one.</source>
        <translation>Aucun son n&apos;a été entendu. Vérifiez que le micro est branché et non coupé, ou choisissez-en un autre.</translation>
    </message>
</context>
<context>
    <name>DocumentChecks</name>
    <message>
        <source>Underlined in the document: hover for the reason, click for the evidence.</source>
        <translation>Souligné dans le document&#xa0;: survolez pour le motif, cliquez pour voir la source.</translation>
    </message>
    <message>
        <source>{n} to check</source>
        <translation>{n} à vérifier</translation>
    </message>
    <message>
        <source>{n} not found</source>
        <translation>{n} introuvables</translation>
    </message>
    <message>
        <source>Mentioned in the consultation but not in the document ({n})</source>
        <translation>Évoqué en consultation mais absent du document ({n})</translation>
    </message>
</context>
<context>
    <name>DocumentEditor</name>
    <message>
        <source>Choose a document and press Draft (Ctrl+D). You can also type here.</source>
        <translation>Choisissez un document et cliquez sur Rédiger (Ctrl+D). Vous pouvez aussi écrire ici.</translation>
    </message>
    <message>
        <source>Copy this section</source>
        <translation>Copier cette section</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in the document</source>
        <translation>Rechercher dans le document</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>Occurrence précédente (Maj+Entrée)</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>Occurrence suivante (Entrée)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Fermer (Échap)</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Scribe: checking this computer</source>
        <translation>Scribe&#xa0;: vérification de cet ordinateur</translation>
    </message>
    <message>
        <source>Scribe checks that everything is ready for a consultation. Speak near the microphone for a moment while it listens.</source>
        <translation>Scribe vérifie que tout est prêt pour une consultation. Parlez un instant près du micro pendant qu&apos;il écoute.</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Vérifier à nouveau</translation>
    </message>
    <message>
        <source>Open Settings</source>
        <translation>Ouvrir les réglages</translation>
    </message>
    <message>
        <source>Settings file</source>
        <translation>Fichier de réglages</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Dossier des données</translation>
    </message>
    <message>
        <source>Keychain</source>
        <translation>Trousseau</translation>
    </message>
    <message>
        <source>Consultation history</source>
        <translation>Historique des consultations</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <source>Speech model</source>
        <translation>Reconnaissance vocale</translation>
    </message>
    <message>
        <source>Note backend</source>
        <translation>Moteur de rédaction</translation>
    </message>
    <message>
        <source>Waiting…</source>
        <translation>En attente…</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Solution&#xa0;: %1</translation>
    </message>
    <message>
        <source>The checks stopped on an error; see the log file.</source>
        <translation>Les vérifications se sont arrêtées sur une erreur&#xa0;; consultez le journal.</translation>
    </message>
    <message>
        <source>Everything is ready.</source>
        <translation>Tout est prêt.</translation>
    </message>
    <message numerus="yes">
        <source>%n check(s) need attention before the first consultation.</source>
        <translation>
            <numerusform>%n vérification demande votre attention avant la première consultation.</numerusform>
            <numerusform>%n vérifications demandent votre attention avant la première consultation.</numerusform>
        </translation>
    </message>
    <message>
        <source>The speech model works, %1× faster than real time.</source>
        <translation>Le modèle de reconnaissance vocale fonctionne, %1× plus vite que le temps réel.</translation>
    </message>
    <message>
        <source>The note backend answered in %1 s.</source>
        <translation>Le moteur de rédaction a répondu en %1 s.</translation>
    </message>
    <message>
        <source>The settings file was damaged; defaults are used.</source>
        <translation>Le fichier de réglages était endommagé&#xa0;; les réglages par défaut sont utilisés.</translation>
    </message>
    <message>
        <source>Scribe can save consultations.</source>
        <translation>Scribe peut enregistrer les consultations.</translation>
    </message>
    <message>
        <source>Scribe cannot write in its data folder.</source>
        <translation>Scribe ne peut pas écrire dans son dossier de données.</translation>
    </message>
    <message>
        <source>Little disk space is left for recordings.</source>
        <translation>Il reste peu d&apos;espace disque pour les enregistrements.</translation>
    </message>
    <message>
        <source>API keys are kept in the system keychain.</source>
        <translation>Les clés d&apos;API sont conservées dans le trousseau du système.</translation>
    </message>
    <message>
        <source>There is no secure keychain on this computer.</source>
        <translation>Il n&apos;y a pas de trousseau sécurisé sur cet ordinateur.</translation>
    </message>
    <message>
        <source>The keychain refused to keep a key.</source>
        <translation>Le trousseau a refusé de conserver une clé.</translation>
    </message>
    <message>
        <source>The microphone hears sound.</source>
        <translation>Le micro capte du son.</translation>
    </message>
    <message>
        <source>No microphone was found.</source>
        <translation>Aucun micro n&apos;a été trouvé.</translation>
    </message>
    <message>
        <source>The microphone records only silence.</source>
        <translation>Le micro n&apos;enregistre que du silence.</translation>
    </message>
    <message>
        <source>The microphone hears very little.</source>
        <translation>Le micro capte très peu de son.</translation>
    </message>
    <message>
        <source>The microphone could not be opened.</source>
        <translation>Le micro n&apos;a pas pu être ouvert.</translation>
    </message>
    <message>
        <source>The speech model loads.</source>
        <translation>Le modèle de reconnaissance vocale se charge.</translation>
    </message>
    <message>
        <source>The speech model could not be loaded.</source>
        <translation>Le modèle de reconnaissance vocale n&apos;a pas pu être chargé.</translation>
    </message>
    <message>
        <source>The note server cannot be reached.</source>
        <translation>Le serveur de rédaction est injoignable.</translation>
    </message>
    <message>
        <source>The note server refused the API key.</source>
        <translation>Le serveur de rédaction a refusé la clé d&apos;API.</translation>
    </message>
    <message>
        <source>The note server does not offer the chosen model.</source>
        <translation>Le serveur de rédaction ne propose pas le modèle choisi.</translation>
    </message>
    <message>
        <source>The note server took too long to answer.</source>
        <translation>Le serveur de rédaction a mis trop de temps à répondre.</translation>
    </message>
    <message>
        <source>The note server&apos;s usage limit is reached.</source>
        <translation>La limite d&apos;utilisation du serveur de rédaction est atteinte.</translation>
    </message>
    <message>
        <source>The built-in note model could not start.</source>
        <translation>Le modèle de rédaction intégré n&apos;a pas pu démarrer.</translation>
    </message>
    <message>
        <source>The note server answered with no text.</source>
        <translation>Le serveur de rédaction a répondu sans texte.</translation>
    </message>
    <message>
        <source>The note backend failed.</source>
        <translation>Le moteur de rédaction a échoué.</translation>
    </message>
    <message>
        <source>This check stopped on an error.</source>
        <translation>Cette vérification s&apos;est arrêtée sur une erreur.</translation>
    </message>
    <message>
        <source>The consultation history is whole and encrypted.</source>
        <translation>L&apos;historique des consultations est intact et chiffré.</translation>
    </message>
    <message>
        <source>There is no consultation history yet.</source>
        <translation>Il n&apos;y a pas encore d&apos;historique des consultations.</translation>
    </message>
    <message>
        <source>The consultation history is stored unencrypted: there is no keychain.</source>
        <translation>L&apos;historique des consultations est enregistré sans chiffrement&#xa0;: il n&apos;y a pas de trousseau.</translation>
    </message>
    <message>
        <source>The consultation history is encrypted, but its key is not available.</source>
        <translation>L&apos;historique des consultations est chiffré, mais sa clé n&apos;est pas disponible.</translation>
    </message>
    <message>
        <source>The consultation history is encrypted with a key the keychain no longer holds.</source>
        <translation>L&apos;historique des consultations est chiffré avec une clé que le trousseau ne contient plus.</translation>
    </message>
    <message>
        <source>Older consultations in the history are stored unencrypted.</source>
        <translation>Les consultations plus anciennes de l&apos;historique sont enregistrées sans chiffrement.</translation>
    </message>
    <message>
        <source>The consultation history file is empty.</source>
        <translation>Le fichier d&apos;historique des consultations est vide.</translation>
    </message>
    <message>
        <source>The consultation history is damaged.</source>
        <translation>L&apos;historique des consultations est endommagé.</translation>
    </message>
    <message>
        <source>The consultation history was written by a newer version of Scribe.</source>
        <translation>L&apos;historique des consultations a été écrit par une version plus récente de Scribe.</translation>
    </message>
    <message>
        <source>The consultation history cannot be opened.</source>
        <translation>L&apos;historique des consultations ne peut pas être ouvert.</translation>
    </message>
    <message>
        <source>Install or unlock a keychain (GNOME Keyring or KWallet), then restart Scribe.</source>
        <translation>Installez ou déverrouillez un trousseau (GNOME Keyring ou KWallet), puis redémarrez Scribe.</translation>
    </message>
    <message>
        <source>Restore the keychain that held Scribe&apos;s key, or restart Scribe to start a new history.</source>
        <translation>Restaurez le trousseau qui contenait la clé de Scribe, ou redémarrez Scribe pour commencer un nouvel historique.</translation>
    </message>
    <message>
        <source>Delete the older consultations once they are no longer needed.</source>
        <translation>Supprimez les consultations plus anciennes dès qu&apos;elles ne sont plus utiles.</translation>
    </message>
    <message>
        <source>Restart Scribe: it keeps the file aside and starts a new history.</source>
        <translation>Redémarrez Scribe&#xa0;: il met le fichier de côté et commence un nouvel historique.</translation>
    </message>
    <message>
        <source>Restart Scribe: it keeps the damaged file aside and saves what it can still read.</source>
        <translation>Redémarrez Scribe&#xa0;: il met le fichier endommagé de côté et sauve ce qu&apos;il peut encore lire.</translation>
    </message>
    <message>
        <source>Install the newer version of Scribe again.</source>
        <translation>Réinstallez la version plus récente de Scribe.</translation>
    </message>
    <message>
        <source>Make the data folder readable for your user account.</source>
        <translation>Rendez le dossier de données lisible pour votre compte utilisateur.</translation>
    </message>
    <message>
        <source>Check your choices in Settings, then press OK.</source>
        <translation>Vérifiez vos choix dans les réglages, puis cliquez sur OK.</translation>
    </message>
    <message>
        <source>Make the folder writable, or set SCRIBE_HOME to another one.</source>
        <translation>Rendez le dossier accessible en écriture, ou indiquez-en un autre dans SCRIBE_HOME.</translation>
    </message>
    <message>
        <source>Free some disk space: an hour of recording takes about 115 MB.</source>
        <translation>Libérez de l&apos;espace disque&#xa0;: une heure d&apos;enregistrement occupe environ 115 Mo.</translation>
    </message>
    <message>
        <source>Install or unlock a keychain (GNOME Keyring or KWallet), or set the key in SCRIBE_NOTES_API_KEY before starting Scribe.</source>
        <translation>Installez ou déverrouillez un trousseau (GNOME Keyring ou KWallet), ou placez la clé dans SCRIBE_NOTES_API_KEY avant de lancer Scribe.</translation>
    </message>
    <message>
        <source>Plug in a microphone or headset, then check again.</source>
        <translation>Branchez un micro ou un casque, puis vérifiez à nouveau.</translation>
    </message>
    <message>
        <source>Unmute the microphone and raise its input volume.</source>
        <translation>Réactivez le micro et augmentez son volume d&apos;entrée.</translation>
    </message>
    <message>
        <source>Speak during the check, or move the microphone closer.</source>
        <translation>Parlez pendant la vérification, ou rapprochez le micro.</translation>
    </message>
    <message>
        <source>Choose the bundled model or a transcription server in Settings.</source>
        <translation>Choisissez le modèle fourni ou un serveur de transcription dans les réglages.</translation>
    </message>
    <message>
        <source>Check the server address in Settings, or use the built-in model.</source>
        <translation>Vérifiez l&apos;adresse du serveur dans les réglages, ou utilisez le modèle intégré.</translation>
    </message>
    <message>
        <source>Enter a valid API key in Settings.</source>
        <translation>Saisissez une clé d&apos;API valide dans les réglages.</translation>
    </message>
    <message>
        <source>Press Test connection in Settings and pick a model.</source>
        <translation>Cliquez sur Tester la connexion dans les réglages et choisissez un modèle.</translation>
    </message>
    <message>
        <source>Try again later, or choose a smaller model.</source>
        <translation>Réessayez plus tard, ou choisissez un modèle plus léger.</translation>
    </message>
    <message>
        <source>Wait, or raise the limit with your provider.</source>
        <translation>Patientez, ou faites relever la limite par votre fournisseur.</translation>
    </message>
    <message>
        <source>Reinstall Scribe, or choose a note server in Settings.</source>
        <translation>Réinstallez Scribe, ou choisissez un serveur de rédaction dans les réglages.</translation>
    </message>
    <message>
        <source>Choose another model in Settings.</source>
        <translation>Choisissez un autre modèle dans les réglages.</translation>
    </message>
    <message>
        <source>Choose another microphone in Settings.</source>
        <translation>Choisissez un autre micro dans les réglages.</translation>
    </message>
    <message>
        <source>Choose the bundled model in Settings, or reinstall Scribe.</source>
        <translation>Choisissez le modèle fourni dans les réglages, ou réinstallez Scribe.</translation>
    </message>
    <message>
        <source>Unlock the keychain, then check again.</source>
        <translation>Déverrouillez le trousseau, puis vérifiez à nouveau.</translation>
    </message>
    <message>
        <source>Open Settings and check the choices there.</source>
        <translation>Ouvrez les réglages et vérifiez les choix.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Consultations</source>
        <translation>Consultations</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <source>(no transcript)</source>
        <translation>(pas de transcription)</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>interrompue</translation>
    </message>
    <message>
        <source>copied</source>
        <translation>copiée</translation>
    </message>
    <message>
        <source>{n} consultations kept on this computer.</source>
        <translation>{n} consultations conservées sur cet ordinateur.</translation>
    </message>
    <message>
        <source>No consultation is kept on this computer.</source>
        <translation>Aucune consultation n&apos;est conservée sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Delete this consultation?</source>
        <translation>Supprimer cette consultation&#xa0;?</translation>
    </message>
    <message>
        <source>Its audio, transcript and documents are deleted for good.</source>
        <translation>Son enregistrement, sa transcription et ses documents seront supprimés définitivement.</translation>
    </message>
</context>
<context>
    <name>InstructionBar</name>
    <message>
        <source>Ask for a change: “shorter”, “bullets in the plan”, “the dose was 5 mg”…</source>
        <translation>Demandez une modification : « plus court », « le plan en puces », « la dose était de 5 mg »…</translation>
    </message>
    <message>
        <source>Ctrl+K. Enter sends; Esc cancels.</source>
        <translation>Ctrl+K. Entrée envoie ; Échap annule.</translation>
    </message>
    <message>
        <source>Speak</source>
        <translation>Parler</translation>
    </message>
    <message>
        <source>Hold (or hold F8), say the change (“shorter”, “the dose was 5 mg”), let go.</source>
        <translation>Maintenez (ou maintenez F8), dites la modification (« plus court », « la dose était de 5 mg »), relâchez.</translation>
    </message>
    <message>
        <source>Revise</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Garder</translation>
    </message>
    <message>
        <source>Keep the change (Enter). Undo takes it back.</source>
        <translation>Garder la modification (Entrée). Annuler (Ctrl+Z) la retire.</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Rejeter</translation>
    </message>
    <message>
        <source>Drop the change (Esc).</source>
        <translation>Rejeter la modification (Échap).</translation>
    </message>
    <message>
        <source>Listening… let go when you have said the change.</source>
        <translation>À l’écoute… relâchez quand vous avez dit la modification.</translation>
    </message>
    <message>
        <source>Writing down what you said…</source>
        <translation>Transcription de ce que vous avez dit…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Writing the change…</source>
        <translation>Rédaction de la modification…</translation>
    </message>
    <message>
        <source>Reading the part to change…</source>
        <translation>Lecture du passage à modifier…</translation>
    </message>
    <message>
        <source>Writing the change… {tail}</source>
        <translation>Rédaction de la modification… {tail}</translation>
    </message>
    <message>
        <source>Cancelled: the document is unchanged.</source>
        <translation>Annulé : le document n’a pas changé.</translation>
    </message>
    <message>
        <source>{reason} The document is unchanged.</source>
        <translation>{reason} Le document n’a pas changé.</translation>
    </message>
    <message>
        <source>This does not say what to change: try “shorter”, “bullets in the plan” or “the dose was 5 mg”.</source>
        <translation>Cela ne dit pas quoi changer : essayez « plus court », « le plan en puces » ou « la dose était de 5 mg ».</translation>
    </message>
    <message>
        <source>Nothing usable was heard: hold the button while you speak, then let go.</source>
        <translation>Rien d’utilisable n’a été entendu : maintenez le bouton pendant que vous parlez, puis relâchez.</translation>
    </message>
    <message>
        <source>A draft or another change is being written: ask again when it is done.</source>
        <translation>Un brouillon ou une autre modification est en cours : redemandez quand il sera terminé.</translation>
    </message>
    <message>
        <source>The instruction changed nothing.</source>
        <translation>La demande n’a rien changé.</translation>
    </message>
    <message>
        <source>Change kept. Undo (Ctrl+Z) takes it back.</source>
        <translation>Modification gardée. Annuler (Ctrl+Z) la retire.</translation>
    </message>
    <message>
        <source>Change discarded: the document is unchanged.</source>
        <translation>Modification rejetée : le document n’a pas changé.</translation>
    </message>
    <message>
        <source>Words: +{ins} −{rem}. Enter keeps the change, Esc drops it.</source>
        <translation>Mots : +{ins} −{rem}. Entrée garde la modification, Échap la rejette.</translation>
    </message>
    <message>
        <source>Contradicts the consultation: “{text}” — it said: “{said}”</source>
        <translation>Contredit la consultation : « {text} » — on y a dit : « {said} »</translation>
    </message>
    <message>
        <source>Not said by anyone: “{text}”</source>
        <translation>Dit par personne : « {text} »</translation>
    </message>
</context>
<context>
    <name>InterfacePage</name>
    <message>
        <source>Same as the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <source>Compact window</source>
        <translation>Fenêtre compacte</translation>
    </message>
    <message>
        <source>Keep the window above the others</source>
        <translation>Garder la fenêtre au premier plan</translation>
    </message>
    <message>
        <source>Start minimised</source>
        <translation>Démarrer en réduit</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Langue&#xa0;:</translation>
    </message>
    <message>
        <source>A new language shows the next time Scribe starts.</source>
        <translation>La nouvelle langue s&apos;affiche au prochain démarrage de Scribe.</translation>
    </message>
    <message>
        <source>Start / stop recording:</source>
        <translation>Démarrer / arrêter l&apos;enregistrement&#xa0;:</translation>
    </message>
    <message>
        <source>Pause / resume:</source>
        <translation>Pause / reprise&#xa0;:</translation>
    </message>
    <message>
        <source>Stop recording:</source>
        <translation>Arrêter l&apos;enregistrement&#xa0;:</translation>
    </message>
    <message>
        <source>Draft the note:</source>
        <translation>Rédiger le document&#xa0;:</translation>
    </message>
    <message>
        <source>Copy the note:</source>
        <translation>Copier le document&#xa0;:</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Interface</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>Microphone level</source>
        <translation>Niveau du micro</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Transcript</source>
        <translation>Transcription</translation>
    </message>
    <message>
        <source>Copy transcript</source>
        <translation>Copier la transcription</translation>
    </message>
    <message>
        <source>Document to draft</source>
        <translation>Document à rédiger</translation>
    </message>
    <message>
        <source>Language of the document</source>
        <translation>Langue du document</translation>
    </message>
    <message>
        <source>Draft note</source>
        <translation>Rédiger</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Pause / Resume</source>
        <translation>Pause / Reprendre</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Rédiger</translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation>Tout copier</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>Rechercher…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Réglages…</translation>
    </message>
    <message>
        <source>About Scribe</source>
        <translation>À propos de Scribe</translation>
    </message>
    <message>
        <source>Check this computer…</source>
        <translation>Vérifier cet ordinateur…</translation>
    </message>
    <message>
        <source>Past consultations…</source>
        <translation>Consultations précédentes…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Compact mode</source>
        <translation>Mode compact</translation>
    </message>
    <message>
        <source>Always on top</source>
        <translation>Toujours au premier plan</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Consultation</source>
        <translation>&amp;Consultation</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Checking the draft against the consultation… What nobody said is being fixed; what cannot be fixed stays underlined.</source>
        <translation>Vérification du projet au regard de la consultation… Ce que personne n&apos;a dit est corrigé ; ce qui ne peut pas l&apos;être reste souligné.</translation>
    </message>
    <message>
        <source>Draft by a small offline model ({model}): it can misstate doses, units and durations, mix up current and new treatments, and add things that were not said. Check every line against the consultation before signing.</source>
        <translation>Brouillon rédigé par un petit modèle hors ligne ({model})&#xa0;: il peut se tromper de dose, d&apos;unité ou de durée, confondre traitement en cours et nouveau traitement, et ajouter ce qui n&apos;a pas été dit. Vérifiez chaque ligne par rapport à la consultation avant de signer.</translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Paused: nothing is recorded.</source>
        <translation>En pause&#xa0;: rien n&apos;est enregistré.</translation>
    </message>
    <message>
        <source>Catching up: finishing the transcript…</source>
        <translation>Rattrapage&#xa0;: fin de la transcription…</translation>
    </message>
    <message>
        <source>Getting ready to record…</source>
        <translation>Préparation de l&apos;enregistrement…</translation>
    </message>
    <message>
        <source>Recovering the interrupted consultation…</source>
        <translation>Récupération de la consultation interrompue…</translation>
    </message>
    <message>
        <source>Writing the note…</source>
        <translation>Rédaction de la note…</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Prêt.</translation>
    </message>
    <message>
        <source>Catching up: {s} s of audio still to transcribe…</source>
        <translation>Rattrapage&#xa0;: encore {s} s d&apos;audio à transcrire…</translation>
    </message>
    <message>
        <source>Transcript complete.</source>
        <translation>Transcription terminée.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Régénérer</translation>
    </message>
    <message>
        <source>Draft ready: read it, edit it, then Copy.</source>
        <translation>Brouillon prêt&#xa0;: relisez-le, corrigez-le, puis copiez-le.</translation>
    </message>
    <message>
        <source>Drafting stopped; what arrived is kept.</source>
        <translation>Rédaction interrompue&#xa0;; le texte déjà reçu est conservé.</translation>
    </message>
    <message>
        <source>{n} words</source>
        <translation>{n} mots</translation>
    </message>
    <message>
        <source>Nothing to copy yet.</source>
        <translation>Rien à copier pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Copied ✓</source>
        <translation>Copié ✓</translation>
    </message>
    <message>
        <source>Section copied.</source>
        <translation>Section copiée.</translation>
    </message>
    <message>
        <source>Transcript copied.</source>
        <translation>Transcription copiée.</translation>
    </message>
    <message>
        <source>Quit Scribe?</source>
        <translation>Quitter Scribe&#xa0;?</translation>
    </message>
    <message>
        <source>A consultation is being recorded. Stop the recording and quit? The audio recorded so far is kept.</source>
        <translation>Une consultation est en cours d&apos;enregistrement. Arrêter l&apos;enregistrement et quitter&#xa0;? L&apos;audio déjà enregistré est conservé.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Something went wrong.</source>
        <translation>Une erreur s&apos;est produite.</translation>
    </message>
    <message>
        <source>The settings could not be read or saved.</source>
        <translation>Les réglages n&apos;ont pas pu être lus ou enregistrés.</translation>
    </message>
    <message>
        <source>“Local only” is on and the chosen server is not on this computer: nothing was sent.</source>
        <translation>« Local uniquement » est activé et le serveur choisi n’est pas sur cet ordinateur : rien n’a été envoyé.</translation>
    </message>
    <message>
        <source>The built-in model is missing or damaged: reinstall Scribe to restore it.</source>
        <translation>Le modèle intégré est absent ou endommagé&#xa0;: réinstallez Scribe pour le rétablir.</translation>
    </message>
    <message>
        <source>The transcription failed.</source>
        <translation>La transcription a échoué.</translation>
    </message>
    <message>
        <source>The speech model could not be loaded.</source>
        <translation>Le modèle de reconnaissance vocale n&apos;a pas pu être chargé.</translation>
    </message>
    <message>
        <source>The transcription server failed or is out of reach.</source>
        <translation>Le serveur de transcription a échoué ou est injoignable.</translation>
    </message>
    <message>
        <source>The audio could not be recorded or read.</source>
        <translation>L&apos;audio n&apos;a pas pu être enregistré ou lu.</translation>
    </message>
    <message>
        <source>This audio file cannot be read.</source>
        <translation>Ce fichier audio est illisible.</translation>
    </message>
    <message>
        <source>The microphone is not available. Check that it is plugged in and chosen in Settings.</source>
        <translation>Le micro n&apos;est pas disponible. Vérifiez qu&apos;il est branché et choisi dans les réglages.</translation>
    </message>
    <message>
        <source>The audio system (PortAudio) is missing: reinstall Scribe, or install libportaudio2.</source>
        <translation>Le système audio (PortAudio) est absent&#xa0;: réinstallez Scribe, ou installez libportaudio2.</translation>
    </message>
    <message>
        <source>The audio system failed. Check the microphone in Settings, then try again.</source>
        <translation>Le système audio a échoué. Vérifiez le micro dans les réglages, puis réessayez.</translation>
    </message>
    <message>
        <source>No microphone was found: connect one and try again.</source>
        <translation>Aucun micro n&apos;a été trouvé&#xa0;: branchez-en un et réessayez.</translation>
    </message>
    <message>
        <source>The microphone stopped working. Everything recorded until then is kept.</source>
        <translation>Le micro a cessé de fonctionner. Tout ce qui a été enregistré jusque-là est conservé.</translation>
    </message>
    <message>
        <source>The recording could not be saved on this computer. What was recorded is kept.</source>
        <translation>L&apos;enregistrement n&apos;a pas pu être sauvegardé sur cet ordinateur. Ce qui a été enregistré est conservé.</translation>
    </message>
    <message>
        <source>Scribe cannot write in its data folder: check its permissions.</source>
        <translation>Scribe ne peut pas écrire dans son dossier de données&#xa0;: vérifiez ses droits d&apos;accès.</translation>
    </message>
    <message>
        <source>The disk is full: recording stopped and what was recorded is kept. Free some space.</source>
        <translation>Le disque est plein&#xa0;: l&apos;enregistrement s&apos;est arrêté et ce qui a été enregistré est conservé. Libérez de l&apos;espace.</translation>
    </message>
    <message>
        <source>The consultation history could not be read or saved.</source>
        <translation>L&apos;historique des consultations n&apos;a pas pu être lu ou enregistré.</translation>
    </message>
    <message>
        <source>This consultation no longer exists (it may have been deleted).</source>
        <translation>Cette consultation n&apos;existe plus (elle a peut-être été supprimée).</translation>
    </message>
    <message>
        <source>The consultation history is encrypted with a key the keychain no longer holds.</source>
        <translation>L&apos;historique des consultations est chiffré avec une clé que le trousseau ne contient plus.</translation>
    </message>
    <message>
        <source>No secure keychain is available: API keys cannot be stored on this computer.</source>
        <translation>Aucun trousseau sécurisé n&apos;est disponible&#xa0;: les clés d&apos;API ne peuvent pas être enregistrées sur cet ordinateur.</translation>
    </message>
    <message>
        <source>This template cannot be used. Check it in Settings ▸ Templates.</source>
        <translation>Ce modèle ne peut pas être utilisé. Vérifiez-le dans Réglages ▸ Modèles de documents.</translation>
    </message>
    <message>
        <source>Too little of your voice was heard: read the whole text aloud, near the microphone.</source>
        <translation>Votre voix a été trop peu entendue : lisez tout le texte à voix haute, près du microphone.</translation>
    </message>
    <message>
        <source>Your voice is kept only encrypted, and the system keychain is not available: it was not recorded.</source>
        <translation>Votre voix n’est conservée que chiffrée, et le trousseau du système n’est pas disponible : elle n’a pas été enregistrée.</translation>
    </message>
    <message>
        <source>The voice model that tells speakers apart is missing: the transcript is not labelled Doctor / Patient. Reinstall Scribe to restore it.</source>
        <translation>Le modèle vocal qui distingue les interlocuteurs est absent : la transcription n’indique pas Médecin / Patient. Réinstallez Scribe pour le rétablir.</translation>
    </message>
    <message>
        <source>The draft could not be written.</source>
        <translation>Le brouillon n&apos;a pas pu être rédigé.</translation>
    </message>
    <message>
        <source>There is nothing to draft from yet: record the consultation.</source>
        <translation>Il n&apos;y a encore rien à partir de quoi rédiger&#xa0;: enregistrez la consultation.</translation>
    </message>
    <message>
        <source>The note server cannot be reached. Check its address and the network.</source>
        <translation>Le serveur de rédaction est injoignable. Vérifiez son adresse et le réseau.</translation>
    </message>
    <message>
        <source>The note server refused the API key. Check it in Settings.</source>
        <translation>Le serveur de rédaction a refusé la clé d&apos;API. Vérifiez-la dans les réglages.</translation>
    </message>
    <message>
        <source>The note server does not know this model. Choose another one.</source>
        <translation>Le serveur de rédaction ne connaît pas ce modèle. Choisissez-en un autre.</translation>
    </message>
    <message>
        <source>The note server is busy (rate limit). Try again in a moment.</source>
        <translation>Le serveur de rédaction est saturé (limite de débit). Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>The note server took too long to answer. Try again.</source>
        <translation>Le serveur de rédaction a mis trop de temps à répondre. Réessayez.</translation>
    </message>
    <message>
        <source>The note server answered with an error. Try again.</source>
        <translation>Le serveur de rédaction a répondu par une erreur. Réessayez.</translation>
    </message>
    <message>
        <source>The built-in note model could not be started.</source>
        <translation>Le modèle de rédaction intégré n&apos;a pas pu être démarré.</translation>
    </message>
    <message>
        <source>The draft could not be checked against the consultation and repaired: the first draft is shown, as the model wrote it. Check it line by line.</source>
        <translation>Le projet n&apos;a pas pu être vérifié au regard de la consultation ni corrigé : le premier projet est affiché tel que le modèle l&apos;a écrit. Vérifiez-le ligne par ligne.</translation>
    </message>
    <message>
        <source>Part of this consultation is damaged in the history file and cannot be read.</source>
        <translation>Une partie de cette consultation est endommagée dans le fichier d&apos;historique et ne peut pas être lue.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong; the recording and the note are kept.</source>
        <translation>Une erreur inattendue s&apos;est produite&#xa0;; l&apos;enregistrement et le document sont conservés.</translation>
    </message>
    <message>
        <source>Check this against the consultation</source>
        <translation>À vérifier par rapport à la consultation</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Traitement…</translation>
    </message>
    <message>
        <source>The settings file could not be read; the default settings are used.</source>
        <translation>Le fichier de réglages n&apos;a pas pu être lu&#xa0;; les réglages par défaut sont utilisés.</translation>
    </message>
    <message>
        <source>The settings file was damaged; it was kept as {backup} and the default settings are used.</source>
        <translation>Le fichier de réglages était endommagé&#xa0;; il a été conservé sous le nom {backup} et les réglages par défaut sont utilisés.</translation>
    </message>
    <message>
        <source>The consultation history was damaged; it was kept as {backup} and a new one was started.</source>
        <translation>L&apos;historique des consultations était endommagé&#xa0;; il a été conservé sous le nom {backup} et un nouvel historique a été commencé.</translation>
    </message>
    <message>
        <source>The consultation history was encrypted with a key the keychain no longer holds; it was kept as {backup} and a new one was started.</source>
        <translation>L&apos;historique des consultations était chiffré avec une clé que le trousseau ne contient plus&#xa0;; il a été conservé sous le nom {backup} et un nouvel historique a été commencé.</translation>
    </message>
    <message>
        <source>The consultation history was written by a newer version of Scribe; it was kept as {backup} and a new one was started.</source>
        <translation>L&apos;historique des consultations a été écrit par une version plus récente de Scribe&#xa0;; il a été conservé sous le nom {backup} et un nouvel historique a été commencé.</translation>
    </message>
    <message>
        <source>Earlier consultations are encrypted and cannot be read until the keychain is available.</source>
        <translation>Les consultations précédentes sont chiffrées et ne pourront être lues que lorsque le trousseau sera disponible.</translation>
    </message>
    <message>
        <source>The microphone “{chosen}” was not found, so the default microphone “{default}” is recording instead.</source>
        <translation>Le micro «&#xa0;{chosen}&#xa0;» est introuvable&#xa0;: le micro par défaut «&#xa0;{default}&#xa0;» enregistre à sa place.</translation>
    </message>
    <message>
        <source>The microphone “{chosen}” could not be opened, so the default microphone “{default}” is recording instead.</source>
        <translation>Le micro «&#xa0;{chosen}&#xa0;» n&apos;a pas pu être ouvert&#xa0;: le micro par défaut «&#xa0;{default}&#xa0;» enregistre à sa place.</translation>
    </message>
    <message>
        <source>The consultation history file was empty (0 bytes): earlier consultations are not in it; it was kept as {backup} and a new one was started.</source>
        <translation>Le fichier d&apos;historique des consultations était vide (0 octet)&#xa0;: les consultations précédentes n&apos;y sont pas&#xa0;; il a été conservé sous le nom {backup} et un nouvel historique a été commencé.</translation>
    </message>
    <message>
        <source>The consultation history was damaged; {count} consultation(s) could be read and were saved into a new one, and the damaged file was kept as {backup}.</source>
        <translation>L&apos;historique des consultations était endommagé&#xa0;; {count} consultation(s) ont pu être lues et ont été enregistrées dans un nouvel historique, et le fichier endommagé a été conservé sous le nom {backup}.</translation>
    </message>
    <message>
        <source>Not found in the consultation</source>
        <translation>Absent de la consultation</translation>
    </message>
    <message>
        <source>Number or dose differs from the consultation</source>
        <translation>Nombre ou dose différent de la consultation</translation>
    </message>
    <message>
        <source>Drug not found as said in the consultation</source>
        <translation>Médicament différent de ce qui a été dit en consultation</translation>
    </message>
    <message>
        <source>Left/right differs from the consultation</source>
        <translation>Côté gauche/droit différent de la consultation</translation>
    </message>
    <message>
        <source>Negation differs from the consultation</source>
        <translation>Négation différente de la consultation</translation>
    </message>
    <message>
        <source>Allergy differs from the consultation</source>
        <translation>Allergie différente de la consultation</translation>
    </message>
    <message>
        <source>Mentioned in the consultation, missing from the note</source>
        <translation>Évoqué en consultation, absent du document</translation>
    </message>
    <message>
        <source>Clinical term never said in the consultation</source>
        <translation>Terme clinique jamais prononcé en consultation</translation>
    </message>
    <message>
        <source>Written twice in the document</source>
        <translation>Écrit deux fois dans le document</translation>
    </message>
    <message>
        <source>Age not said in the consultation: check it against the patient&apos;s record</source>
        <translation>Âge non dit en consultation : vérifiez-le dans le dossier du patient</translation>
    </message>
    <message>
        <source>A placeholder, not something said: fill it in or remove it</source>
        <translation>Un champ à remplir, pas quelque chose qui a été dit : complétez-le ou supprimez-le</translation>
    </message>
    <message>
        <source>Preparing the speech model (first start only)…</source>
        <translation>Préparation du modèle de reconnaissance vocale (premier démarrage uniquement)…</translation>
    </message>
    <message>
        <source>Loading the speech model…</source>
        <translation>Chargement du modèle de reconnaissance vocale…</translation>
    </message>
    <message>
        <source>Preparing the local note model (first use only)…</source>
        <translation>Préparation du modèle de rédaction local (première utilisation uniquement)…</translation>
    </message>
    <message>
        <source>Starting the local note model…</source>
        <translation>Démarrage du modèle de rédaction local…</translation>
    </message>
    <message>
        <source>Condensing a long consultation…</source>
        <translation>Condensation d&apos;une longue consultation…</translation>
    </message>
    <message>
        <source>Drafting: reading the consultation…</source>
        <translation>Rédaction&#xa0;: lecture de la consultation…</translation>
    </message>
    <message>
        <source>Recovering the interrupted consultation…</source>
        <translation>Récupération de la consultation interrompue…</translation>
    </message>
    <message>
        <source>Checking the draft against the consultation…</source>
        <translation>Vérification du projet au regard de la consultation…</translation>
    </message>
    <message>
        <source>Finishing the transcript…</source>
        <translation>Fin de la transcription…</translation>
    </message>
    <message>
        <source>Said: “{words}”</source>
        <translation>Dit&#xa0;: «&#xa0;{words}&#xa0;»</translation>
    </message>
    <message>
        <source>These settings in the settings file were not valid, so their default values are used: {settings}.</source>
        <translation>Ces réglages du fichier de réglages n’étaient pas valides, leurs valeurs par défaut sont donc utilisées&#xa0;: {settings}.</translation>
    </message>
    <message>
        <source>The “Local only” setting in the settings file is not true or false, so local-only mode is on: nothing is sent off this computer until you choose in Settings.</source>
        <translation>Le réglage «&#xa0;Local uniquement&#xa0;» du fichier de réglages ne vaut ni vrai ni faux, le mode local uniquement est donc activé&#xa0;: rien ne quitte cet ordinateur tant que vous n’avez pas choisi dans les Réglages.</translation>
    </message>
</context>
<context>
    <name>NotesPage</name>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Same as the interface</source>
        <translation>Comme l&apos;interface</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> jetons</translation>
    </message>
    <message>
        <source>Draft the default document when I press Stop</source>
        <translation>Rédiger le document par défaut quand j’appuie sur Arrêter</translation>
    </message>
    <message>
        <source>Send the consultation to this server while I record (faster notes at Stop)</source>
        <translation>Envoyer la consultation à ce serveur pendant l’enregistrement (notes plus rapides à l’arrêt)</translation>
    </message>
    <message>
        <source>For a clinic&apos;s own llama.cpp or vLLM server that caches prompts; a long consultation is also condensed part by part as you record. The built-in model always does it.</source>
        <translation>Pour le serveur llama.cpp ou vLLM d’un cabinet qui garde les invites en cache ; une longue consultation y est aussi condensée partie par partie pendant l’enregistrement. Le modèle intégré le fait toujours.</translation>
    </message>
    <message>
        <source>Note backend:</source>
        <translation>Moteur de rédaction&#xa0;:</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>Adresse du serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modèle&#xa0;:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>Clé d&apos;API&#xa0;:</translation>
    </message>
    <message>
        <source>Azure API version:</source>
        <translation>Version de l&apos;API Azure&#xa0;:</translation>
    </message>
    <message>
        <source>Default document:</source>
        <translation>Document par défaut&#xa0;:</translation>
    </message>
    <message>
        <source>Note language:</source>
        <translation>Langue des documents&#xa0;:</translation>
    </message>
    <message>
        <source>Transcript budget:</source>
        <translation>Budget de transcription&#xa0;:</translation>
    </message>
    <message>
        <source>Longer consultations are condensed first to fit this budget.</source>
        <translation>Les consultations plus longues sont d&apos;abord condensées pour tenir dans ce budget.</translation>
    </message>
    <message>
        <source>Repair drafts</source>
        <translation>Corriger les projets</translation>
    </message>
    <message>
        <source>Each draft is checked against the consultation and what nobody said is fixed before you read it; the first draft stays in the history.</source>
        <translation>Chaque projet est vérifié au regard de la consultation et ce que personne n&apos;a dit est corrigé avant que vous ne le lisiez ; le premier projet reste dans l&apos;historique.</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Built-in local model</source>
        <translation>Modèle local intégré</translation>
    </message>
    <message>
        <source>llama.cpp server</source>
        <translation>Serveur llama.cpp</translation>
    </message>
    <message>
        <source>Other server</source>
        <translation>Autre serveur</translation>
    </message>
    <message>
        <source>Runs a small model on this computer: nothing leaves it, but check its drafts with care.</source>
        <translation>Fait tourner un petit modèle sur cet ordinateur&#xa0;: rien n&apos;en sort, mais relisez ses brouillons avec soin.</translation>
    </message>
    <message>
        <source>Sends the transcript to OpenAI; needs an API key.</source>
        <translation>Envoie la transcription à OpenAI&#xa0;; nécessite une clé d&apos;API.</translation>
    </message>
    <message>
        <source>Your Azure endpoint (https://NAME.openai.azure.com), the deployment name as the model, and the API version.</source>
        <translation>Votre point de terminaison Azure (https://NOM.openai.azure.com), le nom du déploiement comme modèle, et la version de l&apos;API.</translation>
    </message>
    <message>
        <source>Sends the transcript to Mistral AI; needs an API key.</source>
        <translation>Envoie la transcription à Mistral AI&#xa0;; nécessite une clé d&apos;API.</translation>
    </message>
    <message>
        <source>An Ollama server (on this computer by default); pick a model.</source>
        <translation>Un serveur Ollama (sur cet ordinateur par défaut)&#xa0;; choisissez un modèle.</translation>
    </message>
    <message>
        <source>LM Studio&apos;s local server: start it, then pick a model.</source>
        <translation>Le serveur local de LM Studio&#xa0;: démarrez-le, puis choisissez un modèle.</translation>
    </message>
    <message>
        <source>A vLLM server, e.g. the clinic&apos;s GPU server: type its address.</source>
        <translation>Un serveur vLLM, par exemple le serveur GPU du cabinet&#xa0;: saisissez son adresse.</translation>
    </message>
    <message>
        <source>A llama.cpp server you run yourself.</source>
        <translation>Un serveur llama.cpp que vous lancez vous-même.</translation>
    </message>
    <message>
        <source>Any server that speaks the OpenAI chat API.</source>
        <translation>Tout serveur compatible avec l&apos;API de chat d&apos;OpenAI.</translation>
    </message>
    <message>
        <source>Runs on this computer</source>
        <translation>Tourne sur cet ordinateur</translation>
    </message>
    <message>
        <source>This service needs an API key.</source>
        <translation>Ce service nécessite une clé d&apos;API.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Connected, but the server does not offer “%1”.</source>
        <translation>Connecté, mais le serveur ne propose pas «&#xa0;%1&#xa0;».</translation>
    </message>
    <message numerus="yes">
        <source>Connected: %n model(s) available.</source>
        <translation>
            <numerusform>Connecté&#xa0;: %n modèle disponible.</numerusform>
            <numerusform>Connecté&#xa0;: %n modèles disponibles.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OmissionsPanel</name>
    <message>
        <source>Nothing from the consultation seems missing.</source>
        <translation>Rien de la consultation ne semble manquer.</translation>
    </message>
</context>
<context>
    <name>PrivacyPage</name>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> heures</translation>
    </message>
    <message>
        <source>Delete the recording as soon as the note is copied</source>
        <translation>Supprimer l&apos;enregistrement dès que le document est copié</translation>
    </message>
    <message>
        <source> seconds</source>
        <translation> secondes</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>Local only: nothing leaves this computer</source>
        <translation>Local uniquement&#xa0;: rien ne quitte cet ordinateur</translation>
    </message>
    <message>
        <source>Keep consultations:</source>
        <translation>Conserver les consultations&#xa0;:</translation>
    </message>
    <message>
        <source>Transcripts, notes and recordings are deleted after this time.</source>
        <translation>Transcriptions, documents et enregistrements sont supprimés passé ce délai.</translation>
    </message>
    <message>
        <source>Keep recordings:</source>
        <translation>Conserver les enregistrements&#xa0;:</translation>
    </message>
    <message>
        <source>Clear the clipboard:</source>
        <translation>Vider le presse-papiers&#xa0;:</translation>
    </message>
    <message>
        <source>After copying a note, the clipboard is emptied after this delay.</source>
        <translation>Après la copie d&apos;un document, le presse-papiers est vidé passé ce délai.</translation>
    </message>
    <message>
        <source>Servers:</source>
        <translation>Serveurs&#xa0;:</translation>
    </message>
    <message>
        <source>Refuses any transcription or note server that is not on this computer, so no health data can leave it.</source>
        <translation>Refuse tout serveur de transcription ou de rédaction situé hors de cet ordinateur&#xa0;: aucune donnée de santé ne peut en sortir.</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Confidentialité</translation>
    </message>
</context>
<context>
    <name>RecordBar</name>
    <message>
        <source>● Record</source>
        <translation>● Enregistrer</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation>■ Arrêter</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <source>Language spoken in the consultation</source>
        <translation>Langue parlée pendant la consultation</translation>
    </message>
    <message>
        <source>Microphone to record from</source>
        <translation>Micro à enregistrer</translation>
    </message>
    <message>
        <source>Default microphone</source>
        <translation>Micro par défaut</translation>
    </message>
    <message>
        <source>{name} (not connected)</source>
        <translation>{name} (non branché)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>No sound from the microphone for {s} s: is it muted, or is another microphone chosen in Settings?</source>
        <translation>Aucun son du micro depuis {s} s&#xa0;: est-il coupé, ou un autre micro est-il choisi dans les réglages&#xa0;?</translation>
    </message>
    <message>
        <source>{n} audio overflows (the computer was too busy)</source>
        <translation>{n} pertes audio (l&apos;ordinateur était trop occupé)</translation>
    </message>
</context>
<context>
    <name>SecretField</name>
    <message>
        <source>API key</source>
        <translation>Clé d&apos;API</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Show or hide the key</source>
        <translation>Afficher ou masquer la clé</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Oublier</translation>
    </message>
    <message>
        <source>Remove the saved key from the keychain</source>
        <translation>Retirer la clé enregistrée du trousseau</translation>
    </message>
    <message>
        <source>Cannot be saved on this computer</source>
        <translation>Impossible à enregistrer sur cet ordinateur</translation>
    </message>
    <message>
        <source>No secure keychain is available, so Scribe will not save API keys (it never keeps them in a plain file). Install or unlock a keychain (GNOME Keyring or KWallet on Linux), or set the environment variable %1 before starting Scribe.</source>
        <translation>Aucun trousseau sécurisé n&apos;est disponible&#xa0;: Scribe n&apos;enregistrera pas de clé d&apos;API (il ne les garde jamais dans un fichier en clair). Installez ou déverrouillez un trousseau (GNOME Keyring ou KWallet sous Linux), ou définissez la variable d&apos;environnement %1 avant de lancer Scribe.</translation>
    </message>
    <message>
        <source>A key is supplied by %1 now.</source>
        <translation>Une clé est actuellement fournie par %1.</translation>
    </message>
    <message>
        <source>A key is saved; type a new one to replace it</source>
        <translation>Une clé est enregistrée&#xa0;; saisissez-en une nouvelle pour la remplacer</translation>
    </message>
    <message>
        <source>No key saved</source>
        <translation>Aucune clé enregistrée</translation>
    </message>
    <message>
        <source>The key will be removed from the keychain when you press OK.</source>
        <translation>La clé sera retirée du trousseau quand vous cliquerez sur OK.</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>This field cannot be empty.</source>
        <translation>Ce champ ne peut pas être vide.</translation>
    </message>
    <message>
        <source>The address must start with http:// or https://.</source>
        <translation>L&apos;adresse doit commencer par http:// ou https://.</translation>
    </message>
    <message>
        <source>The address needs a server name, e.g. http://localhost:8000/v1.</source>
        <translation>L&apos;adresse doit comporter un nom de serveur, par exemple http://localhost:8000/v1.</translation>
    </message>
    <message>
        <source>The address cannot contain spaces.</source>
        <translation>L&apos;adresse ne peut pas contenir d&apos;espaces.</translation>
    </message>
    <message>
        <source>The port number in the address is not valid.</source>
        <translation>Le numéro de port de l&apos;adresse n&apos;est pas valide.</translation>
    </message>
    <message>
        <source>“Local only” is on (Privacy page): only a server on this computer is allowed.</source>
        <translation>«&#xa0;Local uniquement&#xa0;» est activé (page Confidentialité)&#xa0;: seul un serveur sur cet ordinateur est autorisé.</translation>
    </message>
    <message>
        <source>This folder does not exist.</source>
        <translation>Ce dossier n&apos;existe pas.</translation>
    </message>
    <message>
        <source>Choose a key combination.</source>
        <translation>Choisissez une combinaison de touches.</translation>
    </message>
    <message>
        <source>Two actions cannot share a shortcut.</source>
        <translation>Deux actions ne peuvent pas partager un raccourci.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Scribe settings</source>
        <translation>Réglages de Scribe</translation>
    </message>
    <message>
        <source>Something on this page needs fixing.</source>
        <translation>Un élément de cette page est à corriger.</translation>
    </message>
    <message>
        <source>The keychain did not save the API key. Unlock it (or fix it) and press OK again.</source>
        <translation>Le trousseau n&apos;a pas enregistré la clé d&apos;API. Déverrouillez-le (ou réparez-le) puis cliquez à nouveau sur OK.</translation>
    </message>
    <message>
        <source>A template could not be saved or deleted; nothing else was changed.</source>
        <translation>Un modèle n&apos;a pas pu être enregistré ou supprimé&#xa0;; rien d&apos;autre n&apos;a été modifié.</translation>
    </message>
</context>
<context>
    <name>StandingOffer</name>
    <message>
        <source>Always do it</source>
        <translation>Toujours le faire</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Pas maintenant</translation>
    </message>
    <message>
        <source>Same change in the last {n} consultations: “{change}”. Always do it for {doc}?</source>
        <translation>Même modification lors des {n} dernières consultations : « {change} ». Toujours le faire pour {doc} ?</translation>
    </message>
</context>
<context>
    <name>TemplatesPage</name>
    <message>
        <source>New</source>
        <translation>Nouveau</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Dupliquer</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <source>Consultation note</source>
        <translation>Compte rendu de consultation</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Courrier</translation>
    </message>
    <message>
        <source>Prescription draft</source>
        <translation>Brouillon d&apos;ordonnance</translation>
    </message>
    <message>
        <source>Patient instructions</source>
        <translation>Consignes au patient</translation>
    </message>
    <message>
        <source>What the model should write, and how.</source>
        <translation>Ce que le modèle doit rédiger, et comment.</translation>
    </message>
    <message>
        <source>One per line, applied to every draft of this document, e.g.
always list allergies first
bullet points in PLAN</source>
        <translation>Une par ligne, appliquée à chaque brouillon de ce document, par ex.
toujours lister les allergies en premier
le PLAN en puces</translation>
    </message>
    <message>
        <source>Built-in templates (in grey) cannot be changed: duplicate one to adapt it.</source>
        <translation>Les modèles intégrés (en gris) ne peuvent pas être modifiés&#xa0;: dupliquez-en un pour l&apos;adapter.</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titre&#xa0;:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Langue&#xa0;:</translation>
    </message>
    <message>
        <source>Document:</source>
        <translation>Document&#xa0;:</translation>
    </message>
    <message>
        <source>Instructions:</source>
        <translation>Consignes&#xa0;:</translation>
    </message>
    <message>
        <source>Standing instructions:</source>
        <translation>Consignes permanentes :</translation>
    </message>
    <message>
        <source>Document templates</source>
        <translation>Modèles de documents</translation>
    </message>
    <message>
        <source>Built-in template, in English</source>
        <translation>Modèle intégré, en anglais</translation>
    </message>
    <message>
        <source>Built-in template, in French</source>
        <translation>Modèle intégré, en français</translation>
    </message>
    <message>
        <source>Your template, in English</source>
        <translation>Votre modèle, en anglais</translation>
    </message>
    <message>
        <source>Your template, in French</source>
        <translation>Votre modèle, en français</translation>
    </message>
    <message>
        <source>New template</source>
        <translation>Nouveau modèle</translation>
    </message>
    <message>
        <source> (copy)</source>
        <translation> (copie)</translation>
    </message>
    <message>
        <source>Complete the title and instructions of: %1</source>
        <translation>Complétez le titre et les consignes de&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Press Record (Ctrl+R) to start. The transcript appears here as you speak.</source>
        <translation>Cliquez sur Enregistrer (Ctrl+R) pour commencer. La transcription s&apos;affiche ici.</translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation>Médecin</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Speaker %1</source>
        <translation>Interlocuteur %1</translation>
    </message>
    <message>
        <source>Said by</source>
        <translation>Dit par</translation>
    </message>
    <message>
        <source>Swap %1 and %2</source>
        <translation>Inverser %1 et %2</translation>
    </message>
    <message>
        <source>%1 is the doctor</source>
        <translation>%1 est le médecin</translation>
    </message>
</context>
<context>
    <name>TranscriptionPage</name>
    <message>
        <source>On this computer (faster-whisper)</source>
        <translation>Sur cet ordinateur (faster-whisper)</translation>
    </message>
    <message>
        <source>Transcription server (OpenAI-compatible)</source>
        <translation>Serveur de transcription (compatible OpenAI)</translation>
    </message>
    <message>
        <source>Whisper base (included, recommended)</source>
        <translation>Whisper base (fourni, recommandé)</translation>
    </message>
    <message>
        <source>Another model…</source>
        <translation>Autre modèle…</translation>
    </message>
    <message>
        <source>A model folder, or a name such as small</source>
        <translation>Un dossier de modèle, ou un nom comme small</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>Choisir un dossier…</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>Détection automatique</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <source>Automatic (graphics card if usable)</source>
        <translation>Automatique (carte graphique si possible)</translation>
    </message>
    <message>
        <source>Processor (CPU)</source>
        <translation>Processeur (CPU)</translation>
    </message>
    <message>
        <source>Graphics card (CUDA)</source>
        <translation>Carte graphique (CUDA)</translation>
    </message>
    <message>
        <source>Default (int8 on CPU, float16 on GPU)</source>
        <translation>Par défaut (int8 sur CPU, float16 sur GPU)</translation>
    </message>
    <message>
        <source>Settle the transcript with a second, slower pass during the visit</source>
        <translation>Affiner la transcription par un second passage, plus lent, pendant la consultation</translation>
    </message>
    <message>
        <source>A few seconds behind the live text, the recording is transcribed again in longer windows and its text replaces the live one: the note is drafted from it. It yields to the live transcript, uses about 130 MB more memory, and the note waits for its last stretch at Stop. Off by default: the live text is usually as good.</source>
        <translation>Quelques secondes derrière le texte en direct, l’enregistrement est transcrit à nouveau par fenêtres plus longues et ce texte remplace le direct : la note est rédigée à partir de lui. Il laisse toujours la priorité à la transcription en direct, utilise environ 130 Mo de mémoire en plus, et la note attend sa dernière partie à l’arrêt. Désactivé par défaut : le texte en direct est en général aussi bon.</translation>
    </message>
    <message>
        <source>One term per line, e.g. amoxicillin</source>
        <translation>Un terme par ligne, par exemple amoxicilline</translation>
    </message>
    <message>
        <source>Transcribe:</source>
        <translation>Transcrire&#xa0;:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modèle&#xa0;:</translation>
    </message>
    <message>
        <source>Spoken language:</source>
        <translation>Langue parlée&#xa0;:</translation>
    </message>
    <message>
        <source>Run on:</source>
        <translation>Exécuter sur&#xa0;:</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>Précision&#xa0;:</translation>
    </message>
    <message>
        <source>Vocabulary:</source>
        <translation>Vocabulaire&#xa0;:</translation>
    </message>
    <message>
        <source>Drug names and terms the model should expect.</source>
        <translation>Noms de médicaments et termes que le modèle doit s&apos;attendre à entendre.</translation>
    </message>
    <message>
        <source>Transcription server</source>
        <translation>Serveur de transcription</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse&#xa0;:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>Clé d&apos;API&#xa0;:</translation>
    </message>
    <message>
        <source>Transcription</source>
        <translation>Transcription</translation>
    </message>
    <message>
        <source>Choose the model folder</source>
        <translation>Choisir le dossier du modèle</translation>
    </message>
</context>
<context>
    <name>VoiceEnrolment</name>
    <message>
        <source>Record my voice</source>
        <translation>Enregistrer ma voix</translation>
    </message>
    <message>
        <source>Forget my voice</source>
        <translation>Oublier ma voix</translation>
    </message>
    <message>
        <source>%v s of %m s</source>
        <translation>%v s sur %m s</translation>
    </message>
    <message>
        <source>The North Wind and the Sun were disputing which was the stronger, when a traveller came along wrapped in a warm cloak. They agreed that the one who first succeeded in making the traveller take his cloak off should be considered stronger than the other. Then the North Wind blew as hard as he could, but the more he blew, the more closely did the traveller fold his cloak around him; and at last the North Wind gave up the attempt.</source>
        <translation>La bise et le soleil se disputaient, chacun assurant qu’il était le plus fort, quand ils ont vu un voyageur qui s’avançait, enveloppé dans son manteau. Ils sont tombés d’accord que celui qui arriverait le premier à faire ôter son manteau au voyageur serait regardé comme le plus fort. Alors, la bise s’est mise à souffler de toutes ses forces, mais plus elle soufflait, plus le voyageur serrait son manteau autour de lui ; et à la fin, la bise a renoncé à le lui faire ôter.</translation>
    </message>
    <message>
        <source>Telling the doctor from the patient is not available on this computer.</source>
        <translation>Distinguer le médecin du patient n’est pas disponible sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Read the text below aloud once (about 25 s), so the transcript can say Doctor and Patient. Until then it says Speaker 1 and Speaker 2.</source>
        <translation>Lisez une fois le texte ci-dessous à voix haute (environ 25 s) : la transcription indiquera alors Médecin et Patient. D’ici là, elle indique Interlocuteur 1 et Interlocuteur 2.</translation>
    </message>
    <message>
        <source>Your voice was recorded on %1: the transcript says Doctor and Patient.</source>
        <translation>Votre voix a été enregistrée le %1 : la transcription indique Médecin et Patient.</translation>
    </message>
    <message>
        <source>Record again</source>
        <translation>Enregistrer à nouveau</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Recording: read the text aloud at your usual pace.</source>
        <translation>Enregistrement : lisez le texte à voix haute, à votre rythme habituel.</translation>
    </message>
    <message>
        <source>Learning your voice…</source>
        <translation>Apprentissage de votre voix…</translation>
    </message>
</context>
<context>
    <name>_OmissionRow</name>
    <message>
        <source>Insert</source>
        <translation>Insérer</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
</context>
</TS>
