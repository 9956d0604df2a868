    checkSignature(xml, callback) {
        if (callback != null && typeof callback !== "function") {
            throw new Error("Last parameter must be a callback function");
        }
        this.signedXml = xml;
        const doc = new xmldom.DOMParser().parseFromString(xml);
        // Reset the references as only references from our re-parsed signedInfo node can be trusted
        this.references = [];
        const unverifiedSignedInfoCanon = this.getCanonSignedInfoXml(doc);
        if (!unverifiedSignedInfoCanon) {
            if (callback) {
                callback(new Error("Canonical signed info cannot be empty"), false);
                return;
            }
            throw new Error("Canonical signed info cannot be empty");
        }
        // unsigned, verify later to keep with consistent callback behavior
        const parsedUnverifiedSignedInfo = new xmldom.DOMParser().parseFromString(unverifiedSignedInfoCanon, "text/xml");
        const unverifiedSignedInfoDoc = parsedUnverifiedSignedInfo.documentElement;
        if (!unverifiedSignedInfoDoc) {
            if (callback) {
                callback(new Error("Could not parse unverifiedSignedInfoCanon into a document"), false);
                return;
            }
            throw new Error("Could not parse unverifiedSignedInfoCanon into a document");
        }
        const references = utils.findChildren(unverifiedSignedInfoDoc, "Reference");
        if (!utils.isArrayHasLength(references)) {
            if (callback) {
                callback(new Error("could not find any Reference elements"), false);
                return;
            }
            throw new Error("could not find any Reference elements");
        }
        // TODO: In a future release we'd like to load the Signature and its References at the same time,
        // however, in the `.loadSignature()` method we don't have the entire document,
        // which we need to to keep the inclusive namespaces
        for (const reference of references) {
            this.loadReference(reference);
        }
        if (!this.getReferences().every((ref) => this.validateReference(ref, doc))) {
            if (callback) {
                callback(new Error("Could not validate all references"), false);
                return;
            }
            return false;
        }
        // Stage B: Take the signature algorithm and key and verify the SignatureValue against the canonicalized SignedInfo
        const signer = this.findSignatureAlgorithm(this.signatureAlgorithm);
        const key = this.getCertFromKeyInfo(this.keyInfo) || this.publicCert || this.privateKey;
        if (key == null) {
            throw new Error("KeyInfo or publicCert or privateKey is required to validate signature");
        }
        if (callback) {
            signer.verifySignature(unverifiedSignedInfoCanon, key, this.signatureValue, callback);
        }
        else {
            const verified = signer.verifySignature(unverifiedSignedInfoCanon, key, this.signatureValue);
            if (verified === false) {
                throw new Error(`invalid signature: the signature value ${this.signatureValue} is incorrect`);
            }
            return true;
        }
    }

    getCanonSignedInfoXml(doc) {
        if (this.signatureNode == null) {
            throw new Error("No signature found.");
        }
        if (typeof this.canonicalizationAlgorithm !== "string") {
            throw new Error("Missing canonicalizationAlgorithm when trying to get signed info for XML");
        }
        const signedInfo = utils.findChildren(this.signatureNode, "SignedInfo");
        if (signedInfo.length === 0) {
            throw new Error("could not find SignedInfo element in the message");
        }
        if (signedInfo.length > 1) {
            throw new Error("could not get canonicalized signed info for a signature that contains multiple SignedInfo nodes");
        }
        if (this.canonicalizationAlgorithm === "http://www.w3.org/TR/2001/REC-xml-c14n-20010315" ||
            this.canonicalizationAlgorithm ===
                "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments") {
            if (!doc || typeof doc !== "object") {
                throw new Error("When canonicalization method is non-exclusive, whole xml dom must be provided as an argument");
            }
        }
        /**
         * Search for ancestor namespaces before canonicalization.
         */
        const ancestorNamespaces = utils.findAncestorNs(doc, "//*[local-name()='SignedInfo']");
        const c14nOptions = {
            ancestorNamespaces: ancestorNamespaces,
        };
        return this.getCanonXml([this.canonicalizationAlgorithm], signedInfo[0], c14nOptions);
    }

    loadSignature(signatureNode) {
        if (typeof signatureNode === "string") {
            this.signatureNode = signatureNode = new xmldom.DOMParser().parseFromString(signatureNode);
        }
        else {
            this.signatureNode = signatureNode;
        }
        this.signatureXml = signatureNode.toString();
        const node = xpath.select1(".//*[local-name(.)='CanonicalizationMethod']/@Algorithm", signatureNode);
        if (!isDomNode.isNodeLike(node)) {
            throw new Error("could not find CanonicalizationMethod/@Algorithm element");
        }
        if (isDomNode.isAttributeNode(node)) {
            this.canonicalizationAlgorithm = node.value;
        }
        const signatureAlgorithm = xpath.select1(".//*[local-name(.)='SignatureMethod']/@Algorithm", signatureNode);
        if (isDomNode.isAttributeNode(signatureAlgorithm)) {
            this.signatureAlgorithm = signatureAlgorithm.value;
        }
        const signedInfoNodes = utils.findChildren(this.signatureNode, "SignedInfo");
        if (!utils.isArrayHasLength(signedInfoNodes)) {
            throw new Error("no signed info node found");
        }
        if (signedInfoNodes.length > 1) {
            throw new Error("could not load signature that contains multiple SignedInfo nodes");
        }
        // Try to operate on the c14n version of `signedInfo`. This forces the initial `getReferences()`
        // API call to always return references that are loaded under the canonical `SignedInfo`
        // in the case that the client access the `.references` **before** signature verification.
        // Ensure canonicalization algorithm is exclusive, otherwise we'd need the entire document
        let canonicalizationAlgorithmForSignedInfo = this.canonicalizationAlgorithm;
        if (!canonicalizationAlgorithmForSignedInfo ||
            canonicalizationAlgorithmForSignedInfo ===
                "http://www.w3.org/TR/2001/REC-xml-c14n-20010315" ||
            canonicalizationAlgorithmForSignedInfo ===
                "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments") {
            canonicalizationAlgorithmForSignedInfo = "http://www.w3.org/2001/10/xml-exc-c14n#";
        }
        const temporaryCanonSignedInfo = this.getCanonXml([canonicalizationAlgorithmForSignedInfo], signedInfoNodes[0]);
        const temporaryCanonSignedInfoXml = new xmldom.DOMParser().parseFromString(temporaryCanonSignedInfo, "text/xml");
        const signedInfoDoc = temporaryCanonSignedInfoXml.documentElement;
        this.references = [];
        const references = utils.findChildren(signedInfoDoc, "Reference");
        if (!utils.isArrayHasLength(references)) {
            throw new Error("could not find any Reference elements");
        }
        for (const reference of references) {
            this.loadReference(reference);
        }
        const signatureValue = xpath.select1(".//*[local-name(.)='SignatureValue']/text()", signatureNode);
        if (isDomNode.isTextNode(signatureValue)) {
            this.signatureValue = signatureValue.data.replace(/\r?\n/g, "");
        }
        const keyInfo = xpath.select1(".//*[local-name(.)='KeyInfo']", signatureNode);
        if (isDomNode.isNodeLike(keyInfo)) {
            this.keyInfo = keyInfo;
        }
    }

    loadReference(refNode) {
        let nodes = utils.findChildren(refNode, "DigestMethod");
        if (nodes.length === 0) {
            throw new Error(`could not find DigestMethod in reference ${refNode.toString()}`);
        }
        const digestAlgoNode = nodes[0];
        const attr = utils.findAttr(digestAlgoNode, "Algorithm");
        if (!attr) {
            throw new Error(`could not find Algorithm attribute in node ${digestAlgoNode.toString()}`);
        }
        const digestAlgo = attr.value;
        nodes = utils.findChildren(refNode, "DigestValue");
        if (nodes.length === 0) {
            throw new Error(`could not find DigestValue node in reference ${refNode.toString()}`);
        }
        if (nodes.length > 1) {
            throw new Error(`could not load reference for a node that contains multiple DigestValue nodes: ${refNode.toString()}`);
        }
        const digestValue = nodes[0].textContent;
        if (!digestValue) {
            throw new Error(`could not find the value of DigestValue in ${refNode.toString()}`);
        }
        const transforms = [];
        let inclusiveNamespacesPrefixList = [];
        nodes = utils.findChildren(refNode, "Transforms");
        if (nodes.length !== 0) {
            const transformsNode = nodes[0];
            const transformsAll = utils.findChildren(transformsNode, "Transform");
            for (const transform of transformsAll) {
                const transformAttr = utils.findAttr(transform, "Algorithm");
                if (transformAttr) {
                    transforms.push(transformAttr.value);
                }
            }
            // This is a little strange, we are looking for children of the last child of `transformsNode`
            const inclusiveNamespaces = utils.findChildren(transformsAll[transformsAll.length - 1], "InclusiveNamespaces");
            if (utils.isArrayHasLength(inclusiveNamespaces)) {
                // Should really only be one prefix list, but maybe there's some circumstances where more than one to let's handle it
                inclusiveNamespacesPrefixList = inclusiveNamespaces
                    .flatMap((namespace) => (namespace.getAttribute("PrefixList") ?? "").split(" "))
                    .filter((value) => value.length > 0);
            }
        }
        if (utils.isArrayHasLength(this.implicitTransforms)) {
            this.implicitTransforms.forEach(function (t) {
                transforms.push(t);
            });
        }
        /**
         * DigestMethods take an octet stream rather than a node set. If the output of the last transform is a node set, we
         * need to canonicalize the node set to an octet stream using non-exclusive canonicalization. If there are no
         * transforms, we need to canonicalize because URI dereferencing for a same-document reference will return a node-set.
         * @see:
         * https://www.w3.org/TR/xmldsig-core1/#sec-DigestMethod
         * https://www.w3.org/TR/xmldsig-core1/#sec-ReferenceProcessingModel
         * https://www.w3.org/TR/xmldsig-core1/#sec-Same-Document
         */
        if (transforms.length === 0 ||
            transforms[transforms.length - 1] === "http://www.w3.org/2000/09/xmldsig#enveloped-signature") {
            transforms.push("http://www.w3.org/TR/2001/REC-xml-c14n-20010315");
        }
        const refUri = isDomNode.isElementNode(refNode)
            ? refNode.getAttribute("URI") || undefined
            : undefined;
        this.addReference({
            transforms,
            digestAlgorithm: digestAlgo,
            uri: refUri,
            digestValue,
            inclusiveNamespacesPrefixList,
            isEmptyUri: false,
        });
    }
